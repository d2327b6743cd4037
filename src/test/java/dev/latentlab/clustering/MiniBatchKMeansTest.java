package dev.latentlab.clustering;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MiniBatchKMeansTest {
    static KMeansOptions options(int k, int batch, long seed) {
        return new KMeansOptions(k, KMeansOptions.Init.KMEANS_PLUS_PLUS, 10, 0, 200_000, batch, 10, seed, 2, 0);
    }

    /** Six blobs, sigma 1, 500 points each, on the corners of a cube of side 12 in 3 dimensions. */
    static Blobs blobs() {
        return new Blobs(Blobs.cornerCentres(6, 3, 12f), 500, 1.0, 21);
    }

    @Test
    void reachesLloydsInertiaWithinTenPercentOnBlobs() {
        Blobs blobs = blobs();
        try (PointBlocks x = blobs.matrix()) {
            KMeansResult lloyd = Lloyd.fit(x, options(6, 256, 1).withMaxIter(100), IterationListener.NONE);
            KMeansResult mini = MiniBatchKMeans.fit(x, options(6, 256, 1), IterationListener.NONE);

            assertThat(mini.inertia()).isLessThanOrEqualTo(lloyd.inertia() * 1.10);
            assertThat(lloyd.inertia() / blobs.rows()).isLessThan(3.5);
            // The final labels and inertia describe the centroids returned.
            BruteForce.Assignment reference = BruteForce.assign(blobs.data, mini.centroids(), 3);
            assertThat(mini.inertia()).isCloseTo(reference.total(), org.assertj.core.api.Assertions.within(1e-6 * reference.total()));
            assertThat(mini.labels()).hasSize(blobs.rows());
            assertThat(mini.counts()).isEqualTo(reference.counts(6));
            assertThat(mini.iterations()).isEqualTo(mini.history().size()).isPositive()
                    .isLessThanOrEqualTo(10 * ((blobs.rows() + 255) / 256));
        }
    }

    @Test
    void sameSeedGivesTheSameCentroids() {
        Blobs blobs = blobs();
        try (PointBlocks x = blobs.matrix()) {
            KMeansResult a = MiniBatchKMeans.fit(x, options(6, 128, 5).withMaxIter(2), IterationListener.NONE);
            KMeansResult b = MiniBatchKMeans.fit(x, options(6, 128, 5).withMaxIter(2), IterationListener.NONE);
            KMeansResult c = MiniBatchKMeans.fit(x, options(6, 128, 6).withMaxIter(2), IterationListener.NONE);
            assertThat(b.centroids()).isEqualTo(a.centroids());
            assertThat(b.iterations()).isEqualTo(a.iterations());
            assertThat(c.centroids()).isNotEqualTo(a.centroids());
        }
    }

    @Test
    void stopsEarlyWhenTheSmoothedInertiaStopsImproving() {
        Blobs blobs = blobs();
        try (PointBlocks x = blobs.matrix()) {
            KMeansOptions o = new KMeansOptions(6, KMeansOptions.Init.KMEANS_PLUS_PLUS, 50, 0, 200_000, 500, 3, 3, 1, 0);
            KMeansResult r = MiniBatchKMeans.fit(x, o, IterationListener.NONE);
            assertThat(r.converged()).isTrue();
            assertThat(r.iterations()).isLessThan(50 * (blobs.rows() / 500));
        }
    }
}
