package dev.latentlab.latent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class UnknownDetectorTest {
    @Test
    void theThresholdIsTheQuantileOfTheValidationScores() {
        double[] validation = new double[1000];
        for (int i = 0; i < validation.length; i++) {
            validation[i] = (i * 7919) % 1000;   // 0..999, shuffled
        }
        UnknownDetector d = UnknownDetector.calibrate(NoveltyScore.RECONSTRUCTION, null, validation, 0.99);
        assertThat(d.settings().threshold()).isCloseTo(989.99, within(0.02));
        assertThat(d.settings().validationImages()).isEqualTo(1000);
        assertThat(d.flag(validation).flaggedShare()).isEqualTo(0.01);
        assertThat(d.canFlag()).isTrue();
        assertThat(UnknownDetector.calibrate(NoveltyScore.RECONSTRUCTION, null, validation, 1.0).flag(validation)
                .flaggedShare()).isZero();
    }

    @Test
    void aModelWithoutAThresholdScoresButFlagsNothing() {
        UnknownDetector d = new UnknownDetector(NoveltyScore.RECONSTRUCTION, null,
                UnknownDetector.uncalibrated(NoveltyScore.RECONSTRUCTION));
        assertThat(d.canFlag()).isFalse();
        assertThat(d.flag(new double[] {1e9}).unknown()).containsExactly(false);
    }

    @Test
    void knnScoresTheMeanDistanceToTheNearestTrainingLatents() {
        double[][] train = {{0, 0}, {1, 0}, {0, 2}, {10, 10}};
        LatentNeighbours n = new LatentNeighbours(train, 2);
        double[] d = n.meanDistance(new double[][] {{0, 0}, {10, 11}});
        assertThat(d[0]).isCloseTo(0.5, within(1e-9));                      // 0 and 1
        assertThat(d[1]).isCloseTo((1 + Math.hypot(10, 9)) / 2, within(1e-9));  // 1 and |(10,11)-(0,2)|
    }

    @Test
    void knnEqualsABruteForceOverManyQueryBlocks() {
        java.util.Random r = new java.util.Random(5);
        int refs = 20_000;   // blocks of BLOCK_DISTANCES / 20,000 = 209 queries: 1,000 queries span five of them
        double[][] train = new double[refs][3];
        double[][] query = new double[1000][3];
        for (double[] p : train) {
            for (int j = 0; j < 3; j++) {
                p[j] = r.nextGaussian();
            }
        }
        for (double[] p : query) {
            for (int j = 0; j < 3; j++) {
                p[j] = 2 * r.nextGaussian();
            }
        }
        assertThat(query.length).isGreaterThan(3 * Math.min(512, LatentNeighbours.BLOCK_DISTANCES / refs));
        int[] ks = {1, 5, 20};
        double[][] fast = new double[ks.length][];
        for (int c = 0; c < ks.length; c++) {
            fast[c] = new LatentNeighbours(train, ks[c]).meanDistance(query);
        }
        for (int i = 0; i < query.length; i++) {
            double[] d = new double[refs];
            for (int t = 0; t < refs; t++) {
                d[t] = Math.sqrt(Math.pow(query[i][0] - train[t][0], 2) + Math.pow(query[i][1] - train[t][1], 2)
                        + Math.pow(query[i][2] - train[t][2], 2));
            }
            java.util.Arrays.sort(d);
            for (int c = 0; c < ks.length; c++) {
                double mean = java.util.Arrays.stream(d, 0, ks[c]).average().orElseThrow();
                assertThat(fast[c][i]).as("query %d, k %d", i, ks[c]).isCloseTo(mean, within(1e-9));
            }
        }
    }
}
