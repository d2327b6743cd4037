package dev.latentlab.clustering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.latentlab.data.MnistFiles;
import dev.latentlab.data.MnistFixtures;
import dev.latentlab.patches.PatchExtractor;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The fused kernel over plain float blocks (a Spark partition's cache) against a float64 brute force: labels, counts,
 * per-centroid sums and squared error, with blocks longer than one staging tile and split at odd rows.
 */
class FloatBlockAssignerTest {
    /** Non-blank 5x5 patches of the first 40 fixture training digits (more than one 8,192-row tile). */
    static float[] patches;

    @BeforeAll
    static void readPatches() {
        try (PointBlocks x = new PatchExtractor(5, 1).extract(MnistFiles.train(MnistFixtures.dir()).head(40), true)) {
            patches = BruteForce.rows(x);
        }
    }

    /** K centroids: patches (exact ties among duplicates) and fractional ones. */
    static float[] centroids(int k, long seed) {
        Random rng = new Random(seed);
        int n = patches.length / 25;
        float[] c = new float[k * 25];
        for (int i = 0; i < k; i++) {
            System.arraycopy(patches, rng.nextInt(n) * 25, c, i * 25, 25);
            if (i % 2 == 1) {
                for (int d = 0; d < 25; d++) {
                    c[i * 25 + d] += (float) rng.nextGaussian() * 7.3f;
                }
            }
        }
        System.arraycopy(c, 0, c, (k - 1) * 25, 25); // an exact duplicate: its ties go to the lower index
        return c;
    }

    @Test
    void labelsSumsCountsAndErrorEqualAFloat64BruteForce() {
        int n = patches.length / 25;
        assertThat(n).isGreaterThan(NearestCentroidSearch.FUSED_TILE_ROWS);
        for (int k : new int[] {1, 7, 64, 300}) {
            float[] c = centroids(k, k);
            BruteForce.Assignment expected = BruteForce.assign(patches, c, 25);
            ClusterSums sums = new ClusterSums(k, 25);
            int[] labels = new int[n];
            int split = 5_003;
            try (FloatBlockAssigner assigner = new FloatBlockAssigner(c, 25)) {
                assigner.assign(Arrays.copyOfRange(patches, 0, split * 25), split, sums, true, labels, 0);
                assigner.assign(Arrays.copyOfRange(patches, split * 25, patches.length), n - split, sums, true, labels,
                        split);
            }
            assertThat(labels).as("K=%d", k).isEqualTo(expected.labels());
            assertThat(sums.counts()).isEqualTo(expected.counts(k));
            double[] expectedSums = new double[k * 25];
            for (int i = 0; i < n; i++) {
                for (int d = 0; d < 25; d++) {
                    expectedSums[expected.labels()[i] * 25 + d] += patches[i * 25 + d];
                }
            }
            for (int i = 0; i < expectedSums.length; i++) {
                assertThat(sums.sums()[i]).isCloseTo(expectedSums[i], within(1e-9 * Math.max(1, expectedSums[i])));
            }
            assertThat(sums.squaredError()).isCloseTo(expected.total(), within(1e-9 * expected.total()));
        }
    }

    @Test
    void withoutSumsOnlyCountsAndError() {
        float[] c = centroids(16, 3);
        ClusterSums sums = new ClusterSums(16, 25);
        try (FloatBlockAssigner assigner = new FloatBlockAssigner(c, 25)) {
            assigner.assign(patches, patches.length / 25, sums, false, null, 0);
        }
        assertThat(sums.sums()).containsOnly(0.0);
        assertThat(sums.counts()).isEqualTo(BruteForce.assign(patches, c, 25).counts(16));
    }

    @Test
    void refusesMoreRowsThanTheBlockHolds() {
        try (FloatBlockAssigner assigner = new FloatBlockAssigner(centroids(4, 1), 25)) {
            assertThatThrownBy(() -> assigner.assign(new float[50], 3, new ClusterSums(4, 25), true, null, 0))
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(FloatBlockAssigner.available(65)).isFalse();
        assertThat(FloatBlockAssigner.unavailableReason(65)).contains("D <= 64");
    }
}
