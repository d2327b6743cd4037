package dev.latentlab.clustering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.latentlab.data.MnistFiles;
import dev.latentlab.data.MnistFixtures;
import dev.latentlab.patches.PatchExtractor;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LloydTest {
    /** Non-blank 5x5 patches of the first 12 fixture training digits (about 4,000 rows). */
    static float[] patches;

    @BeforeAll
    static void readPatches() {
        try (PointBlocks x = new PatchExtractor(5, 1).extract(MnistFiles.train(MnistFixtures.dir()).head(12), true)) {
            patches = BruteForce.rows(x);
        }
    }

    static KMeansOptions options(int k, KMeansOptions.Init init, int maxIter, double tol, long seed, int threads,
                                 int tileRows) {
        return new KMeansOptions(k, init, maxIter, tol, 200_000, 256, 10, seed, threads, tileRows);
    }

    /** Eight blobs of 200 points, sigma 0.5, at the corners of a cube of side 20 in 3 dimensions. */
    static Blobs cube() {
        return new Blobs(Blobs.cornerCentres(8, 3, 20f), 200, 0.5, 11);
    }

    @Test
    void recoversTheCentresOfWellSeparatedBlobs() {
        Blobs blobs = cube();
        KMeansResult result;
        try (PointBlocks x = blobs.matrix()) {
            result = Lloyd.fit(x, options(8, KMeansOptions.Init.KMEANS_PLUS_PLUS, 100, 1e-4, 3, 2, 0), IterationListener.NONE);
        }

        Set<Integer> found = new HashSet<>();
        for (int c = 0; c < 8; c++) {
            int b = blobs.nearestCentre(result.centroids(), c);
            found.add(b);
            // Separated blobs: each centroid is its blob's sample mean, close to the true centre.
            double[] mean = blobs.sampleMean(b);
            for (int d = 0; d < 3; d++) {
                assertThat((double) result.centroids()[c * 3 + d]).isCloseTo(mean[d], within(1e-4));
                assertThat(result.centroids()[c * 3 + d]).isCloseTo(blobs.centres[b][d], within(0.15f));
            }
            assertThat(result.counts()[c]).isEqualTo(200);
        }
        assertThat(found).hasSize(8);
        // Every point is labelled with the centroid of its own blob.
        for (int i = 0; i < blobs.rows(); i++) {
            assertThat(blobs.nearestCentre(result.centroids(), result.labels()[i])).isEqualTo(blobs.blobOf(i));
        }
        assertThat(result.converged()).isTrue();
        assertThat(result.iterations()).isLessThan(100);
        // Inertia about 3 * sigma^2 per point.
        assertThat(result.inertia() / blobs.rows()).isCloseTo(0.75, within(0.1));
        assertThat(result.mse()).isCloseTo(result.inertia() / (blobs.rows() * 3.0), within(1e-12));
    }

    @Test
    void inertiaNeverIncreasesAndTheResultDescribesTheReturnedCentroids() {
        List<IterationStats> seen = new ArrayList<>();
        KMeansResult result;
        try (PointBlocks x = BruteForce.matrix(patches, 25, 1500)) {
            result = Lloyd.fit(x, options(16, KMeansOptions.Init.RANDOM, 25, 0, 5, 2, 300), seen::add);
        }

        assertThat(seen).isEqualTo(result.history());
        assertThat(result.iterations()).isEqualTo(seen.size()).isGreaterThan(5);
        for (int i = 1; i < seen.size(); i++) {
            assertThat(seen.get(i).iteration()).isEqualTo(i + 1);
            assertThat(seen.get(i).inertia()).as("iteration %d", i + 1)
                    .isLessThanOrEqualTo(seen.get(i - 1).inertia() * (1 + 1e-9));
        }
        assertThat(seen.get(seen.size() - 1).inertia()).isLessThan(seen.get(0).inertia() * 0.9);
        BruteForce.Assignment reference = BruteForce.assign(patches, result.centroids(), 25);
        assertThat(result.inertia()).isCloseTo(reference.total(), within(1e-6 * reference.total()))
                .isLessThanOrEqualTo(seen.get(seen.size() - 1).inertia() * (1 + 1e-9));
        assertThat(result.counts()).isEqualTo(reference.counts(16));
        // Each centroid is the mean of the points labelled with it unless the last step moved it.
        assertThat(result.labels()).hasSize(patches.length / 25);
    }

    @Test
    void sameSeedGivesTheSameCentroidsBitForBitAndAnotherSeedDiffers() {
        KMeansResult a;
        KMeansResult b;
        KMeansResult c;
        try (PointBlocks x = BruteForce.matrix(patches, 25, 1000)) {
            a = Lloyd.fit(x, options(12, KMeansOptions.Init.KMEANS_PLUS_PLUS, 8, 0, 9, 2, 200), IterationListener.NONE);
            b = Lloyd.fit(x, options(12, KMeansOptions.Init.KMEANS_PLUS_PLUS, 8, 0, 9, 2, 200), IterationListener.NONE);
            c = Lloyd.fit(x, options(12, KMeansOptions.Init.KMEANS_PLUS_PLUS, 8, 0, 10, 2, 200), IterationListener.NONE);
        }
        assertThat(b.centroids()).isEqualTo(a.centroids());
        assertThat(b.labels()).isEqualTo(a.labels());
        assertThat(b.counts()).isEqualTo(a.counts());
        assertThat(b.inertia()).isCloseTo(a.inertia(), within(1e-9 * a.inertia()));
        assertThat(c.centroids()).isNotEqualTo(a.centroids());
    }

    @Test
    void sameSeedOnFractionalDataIsBitForBitWithSeveralThreads() {
        // Gaussian data: the cluster sums are not exact, so the order in which the threads' sums are added matters.
        Blobs blobs = new Blobs(Blobs.cornerCentres(4, 2, 3f), 1500, 1.5, 4);
        float[] first = null;
        for (int run = 0; run < 4; run++) {
            try (PointBlocks x = BruteForce.matrix(blobs.data, 2, 1000)) {
                float[] centroids = Lloyd.fit(x, options(4, KMeansOptions.Init.RANDOM, 20, 0, 1, 2, 128),
                        IterationListener.NONE).centroids();
                if (first == null) {
                    first = centroids;
                } else {
                    assertThat(centroids).as("run %d", run).isEqualTo(first);
                }
            }
        }
    }

    @Test
    void emptyClustersAreReseededFromDataPoints() {
        // Four distinct points, 25 copies each: random initial centroids repeat a point, so the later copies of
        // a centroid lose every tie and their clusters are empty until re-seeded onto the missing points.
        float[][] values = {{0, 0}, {10, 0}, {0, 10}, {10, 10}};
        float[] data = new float[100 * 2];
        for (int i = 0; i < 100; i++) {
            data[2 * i] = values[i % 4][0];
            data[2 * i + 1] = values[i % 4][1];
        }
        KMeansResult result;
        try (PointBlocks x = BruteForce.matrix(data, 2, 1000)) {
            result = Lloyd.fit(x, options(4, KMeansOptions.Init.RANDOM, 100, 1e-4, 1, 1, 0), IterationListener.NONE);
        }

        assertThat(result.history().get(0).emptyClusters()).isPositive();
        assertThat(result.history()).anySatisfy(s -> assertThat(s.emptyClusters()).isPositive());
        assertThat(result.history().get(result.history().size() - 1).emptyClusters()).isZero();
        assertThat(result.counts()).containsExactly(25, 25, 25, 25);
        assertThat(result.inertia()).isZero();
        assertThat(result.converged()).isTrue();
        Set<String> centroids = new HashSet<>();
        for (int c = 0; c < 4; c++) {
            centroids.add(result.centroids()[2 * c] + "," + result.centroids()[2 * c + 1]);
        }
        assertThat(centroids).containsExactlyInAnyOrder("0.0,0.0", "10.0,0.0", "0.0,10.0", "10.0,10.0");
    }

    @Test
    void stopsAtTheToleranceBeforeMaxIterAndRunsToMaxIterWithoutOne() {
        Blobs blobs = cube();
        try (PointBlocks x = blobs.matrix()) {
            KMeansResult tol = Lloyd.fit(x, options(8, KMeansOptions.Init.RANDOM, 50, 1e-4, 2, 1, 0), IterationListener.NONE);
            assertThat(tol.converged()).isTrue();
            assertThat(tol.iterations()).isLessThan(50).isEqualTo(tol.history().size());
            IterationStats last = tol.history().get(tol.history().size() - 1);
            assertThat(last.shift()).isLessThanOrEqualTo(1e-4 * x.meanVariance());
            for (IterationStats s : tol.history().subList(0, tol.history().size() - 1)) {
                assertThat(s.shift() > 1e-4 * x.meanVariance() || s.emptyClusters() > 0).isTrue();
            }
        }
        try (PointBlocks x = BruteForce.matrix(patches, 25, 1 << 20)) {
            KMeansResult capped = Lloyd.fit(x, options(20, KMeansOptions.Init.KMEANS_PLUS_PLUS, 3, 0, 2, 2, 0), IterationListener.NONE);
            assertThat(capped.iterations()).isEqualTo(3);
            assertThat(capped.converged()).isFalse();
        }
    }

    @Test
    void meanVarianceIsThePopulationVarianceAveragedOverDimensions() {
        float[] data = {1, 10, 3, 10, 5, 40};
        try (PointBlocks x = BruteForce.matrix(data, 2, 2)) {
            // dim 0: 1,3,5 -> var 8/3; dim 1: 10,10,40 -> var 200.
            assertThat(x.meanVariance()).isCloseTo((8.0 / 3 + 200) / 2, within(1e-9));
        }
    }

    @Test
    void moreClustersThanPointsIsRejected() {
        try (PointBlocks x = BruteForce.matrix(new float[] {1, 2, 3, 4, 5}, 1, 10)) {
            assertThatThrownBy(() -> Lloyd.fit(x, options(6, KMeansOptions.Init.KMEANS_PLUS_PLUS, 10, 0, 1, 1, 0),
                    IterationListener.NONE)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("k = 6");
            assertThatThrownBy(() -> Lloyd.fit(x, options(6, KMeansOptions.Init.RANDOM, 10, 0, 1, 1, 0),
                    IterationListener.NONE)).isInstanceOf(IllegalArgumentException.class);
            assertThat(Lloyd.fit(x, options(5, KMeansOptions.Init.RANDOM, 10, 0, 1, 1, 0), IterationListener.NONE)
                    .inertia()).isZero();
        }
    }

    @Test
    void optionsAreValidated() {
        assertThatThrownBy(() -> options(0, KMeansOptions.Init.RANDOM, 1, 0, 1, 1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> options(1, KMeansOptions.Init.RANDOM, 0, 0, 1, 1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> options(1, KMeansOptions.Init.RANDOM, 1, -1, 1, 1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> options(1, KMeansOptions.Init.RANDOM, 1, Double.NaN, 1, 1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> options(1, KMeansOptions.Init.RANDOM, 1, 0, 1, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> options(1, null, 1, 0, 1, 1, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
