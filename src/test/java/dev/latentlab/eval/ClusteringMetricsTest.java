package dev.latentlab.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.function.IntUnaryOperator;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ClusteringMetricsTest {
    @Test
    void smallCaseMatchesTheHandComputedFigures() {
        // classes 0,0,0,1,1,1; clusters 1,1,0,0,2,2: contingency [[1,2,0],[1,0,2]].
        ClusteringMetrics m = ClusteringMetrics.of(new int[] {0, 0, 0, 1, 1, 1}, new int[] {1, 1, 0, 0, 2, 2});

        // Best one-to-one: class 0 -> cluster 1 (2), class 1 -> cluster 2 (2): 4 of 6.
        assertThat(m.hungarianAccuracy()).isEqualTo(4 / 6.0);
        // MI = 2 · (1/3) ln 2; H(classes) = ln 2, H(clusters) = ln 3; NMI = MI / ((ln 2 + ln 3) / 2).
        assertThat(m.nmi()).isCloseTo((2.0 / 3 * Math.log(2)) / ((Math.log(2) + Math.log(3)) / 2), within(1e-15));
        // Pair counts (ordered): tp = Σn²ij - n = 4, fp = Σb² - Σn²ij = 2, fn = Σa² - Σn²ij = 8, tn = 36 - 2 - 8 - 10 = 16;
        // ARI = 2(tp·tn - fn·fp) / ((tp+fn)(fn+tn) + (tp+fp)(fp+tn)) = 96 / 396.
        assertThat(m.ari()).isCloseTo(96.0 / 396, within(1e-15));
        assertThat(m.clusters()).isEqualTo(3);
    }

    @Test
    void aRelabelledPerfectClusteringScoresOne() {
        ClusteringMetrics m = ClusteringMetrics.of(new int[] {0, 0, 1, 1, 2, 2}, new int[] {5, 5, 3, 3, 9, 9});

        assertThat(m.hungarianAccuracy()).isEqualTo(1.0);
        assertThat(m.nmi()).isCloseTo(1.0, within(1e-15));
        assertThat(m.ari()).isEqualTo(1.0);
    }

    @Test
    void matchesScikitLearnOnLargerCases() {
        // scikit-learn 1.2.1 / scipy (Debian):
        // i = np.arange(N); t, c = f(i), g(i)
        // m = contingency_matrix(t, c); r, cc = linear_sum_assignment(-m); m[r, cc].sum() / N
        // normalized_mutual_info_score(t, c), adjusted_rand_score(t, c)
        check(50, i -> i % 4, i -> (i * 7 + i / 3) % 5, 0.24, 0.024245695167803626, -0.05569030018615421);
        check(200, i -> (i * i) % 3, i -> (i * 13 + i / 7) % 7, 0.15, 0.0010708383236402773, -0.006541085498877915);
        check(40, i -> i % 5, i -> (i / 4) % 2, 0.2, 0.0, -0.0427807486631016);
    }

    private static void check(int n, IntUnaryOperator truth, IntUnaryOperator cluster, double hungarian, double nmi,
                              double ari) {
        ClusteringMetrics m = ClusteringMetrics.of(IntStream.range(0, n).map(truth).toArray(),
                IntStream.range(0, n).map(cluster).toArray());
        assertThat(m.hungarianAccuracy()).isCloseTo(hungarian, within(1e-12));
        assertThat(m.nmi()).isCloseTo(nmi, within(1e-12));
        assertThat(m.ari()).isCloseTo(ari, within(1e-12));
    }

    @Test
    void hungarianFindsTheBestMatchingWhereGreedyDoesNot() {
        // Greedy takes 9 (row 0 -> column 0), leaving 1 + 1: 11; the best is 8 + 7 + 1 = 16.
        long[][] w = {{9, 8, 1}, {7, 1, 1}, {6, 1, 1}};
        int[] match = Hungarian.maximise(w);
        assertThat(match).containsExactly(1, 0, 2);
        assertThat(w[0][match[0]] + w[1][match[1]] + w[2][match[2]]).isEqualTo(16);

        long[][] w2 = {{9, 8, 0}, {7, 1, 0}, {6, 5, 3}};
        int[] m2 = Hungarian.maximise(w2);
        assertThat(w2[0][m2[0]] + w2[1][m2[1]] + w2[2][m2[2]]).isEqualTo(8 + 7 + 3);

        assertThat(Hungarian.maximise(new long[][] {{1, 5, 2}})).containsExactly(1);
        assertThat(Hungarian.maximise(new long[][] {{1}, {5}, {2}})).containsExactly(-1, 0, -1);
    }

    @Test
    void reportCarriesTheClusteringFiguresBesideTheMajorityMapAccuracy() {
        int[] truth = {0, 0, 0, 1, 1, 1};
        int[] components = {1, 1, 0, 0, 2, 2};
        int[] predicted = {0, 0, 0, 0, 1, 1}; // component 0 and 1 -> label 0, component 2 -> label 1

        ClassificationReport r = ClassificationReport.of("x", truth, predicted, components);

        assertThat(r.accuracy()).isCloseTo(5 / 6.0, within(1e-12));
        assertThat(r.hungarianAccuracy()).isEqualTo(4 / 6.0);
        assertThat(r.ari()).isCloseTo(96.0 / 396, within(1e-15));
        assertThat(r.clusters()).isEqualTo(3);
        assertThat(r.toTable()).contains("Hungarian accuracy 0.6667").contains("ARI 0.2424");
    }
}
