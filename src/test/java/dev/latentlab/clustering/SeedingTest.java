package dev.latentlab.clustering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SeedingTest {
    @ParameterizedTest(name = "{1} of {0}, seed {2}")
    @CsvSource({"1, 1, 0", "10, 10, 1", "1000, 1000, 2", "100, 37, 3", "1000000000000, 50, 4", "5, 1, 5"})
    void distinctIndicesAreDistinctAndInRange(long n, int m, long seed) {
        long[] idx = Seeding.distinctIndices(n, m, new Random(seed));
        assertThat(idx).hasSize(m);
        assertThat(Arrays.stream(idx).distinct().count()).isEqualTo(m);
        assertThat(Arrays.stream(idx).min().getAsLong()).isGreaterThanOrEqualTo(0);
        assertThat(Arrays.stream(idx).max().getAsLong()).isLessThan(n);
    }

    @Test
    void distinctIndicesAreUniformInSetAndOrder() {
        // Each of 10 indices is in a 3-subset with probability 0.3 and comes first with probability 0.1.
        int trials = 20_000;
        int[] in = new int[10];
        int[] firsts = new int[10];
        Random rng = new Random(42);
        for (int t = 0; t < trials; t++) {
            long[] idx = Seeding.distinctIndices(10, 3, rng);
            for (long i : idx) {
                in[(int) i]++;
            }
            firsts[(int) idx[0]]++;
        }
        for (int i = 0; i < 10; i++) {
            assertThat(in[i] / (double) trials).as("in, index %d", i).isCloseTo(0.3, within(0.02));
            assertThat(firsts[i] / (double) trials).as("first, index %d", i).isCloseTo(0.1, within(0.015));
        }
    }

    @Test
    void kMeansPlusPlusPicksOnePointInEachWellSeparatedBlob() {
        Blobs blobs = new Blobs(Blobs.cornerCentres(8, 3, 100f), 100, 1.0, 8);
        try (PointBlocks x = blobs.matrix()) {
            for (long seed = 0; seed < 5; seed++) {
                for (int sample : new int[] {200_000, 300}) {
                    KMeansOptions o = new KMeansOptions(8, KMeansOptions.Init.KMEANS_PLUS_PLUS, 1, 0, sample, 1, 1, seed, 1, 0);
                    float[] centroids = Seeding.initialCentroids(x, o, new Random(seed));
                    Set<Integer> hit = new HashSet<>();
                    for (int c = 0; c < 8; c++) {
                        hit.add(blobs.nearestCentre(centroids, c));
                        assertThat(isRowOf(blobs, centroids, c)).as("centroid %d is a data point", c).isTrue();
                    }
                    assertThat(hit).as("seed %d, sample %d", seed, sample).hasSize(8);
                }
            }
        }
    }

    @Test
    void kMeansPlusPlusNeverPicksAPointTwiceAmongDuplicates() {
        // Three distinct values, many copies: k = 3 must find all three (a chosen value has zero weight).
        float[] data = new float[300];
        for (int i = 0; i < 300; i++) {
            data[i] = i % 3 * 7;
        }
        try (PointBlocks x = BruteForce.matrix(data, 1, 1000)) {
            for (long seed = 0; seed < 10; seed++) {
                KMeansOptions o = new KMeansOptions(3, KMeansOptions.Init.KMEANS_PLUS_PLUS, 1, 0, 1000, 1, 1, seed, 1, 0);
                float[] c = Seeding.initialCentroids(x, o, new Random(seed));
                Arrays.sort(c);
                assertThat(c).containsExactly(0f, 7f, 14f);
            }
        }
    }

    @Test
    void greedyKMeansPlusPlusDrawsScikitLearnsNumberOfCandidatesAndLowersThePotential() {
        assertThat(Seeding.greedyTrials(1)).isEqualTo(2);
        assertThat(Seeding.greedyTrials(3)).isEqualTo(3);
        assertThat(Seeding.greedyTrials(10)).isEqualTo(4);
        assertThat(Seeding.greedyTrials(1000)).isEqualTo(8);
        // Unequal blobs: plain k-means++ often puts two centres in the big one; greedy keeps the best of 4 draws.
        Blobs blobs = new Blobs(Blobs.cornerCentres(10, 2, 12f), 60, 2.5, 11);
        double plain = 0;
        double greedy = 0;
        try (PointBlocks x = blobs.matrix()) {
            for (long seed = 0; seed < 20; seed++) {
                plain += potential(x, Seeding.rows(x, Seeding.kMeansPlusPlus(x, 10, 100_000, 1, new Random(seed))));
                long[] g = Seeding.kMeansPlusPlus(x, 10, 100_000, Seeding.greedyTrials(10), new Random(seed));
                assertThat(Arrays.stream(g).distinct().count()).isEqualTo(10);
                greedy += potential(x, Seeding.rows(x, g));
            }
        }
        assertThat(greedy).isLessThan(plain);
    }

    /** Sum of squared distances of the points to their nearest centre. */
    private static double potential(PointBlocks x, float[] centres) {
        int dim = x.dim();
        float[] row = new float[dim];
        double total = 0;
        for (long i = 0; i < x.rows(); i++) {
            x.copyRow(i, row, 0);
            double best = Double.POSITIVE_INFINITY;
            for (int c = 0; c < centres.length / dim; c++) {
                double d = 0;
                for (int j = 0; j < dim; j++) {
                    double diff = row[j] - centres[c * dim + j];
                    d += diff * diff;
                }
                best = Math.min(best, d);
            }
            total += best;
        }
        return total;
    }

    @Test
    void randomInitPicksDistinctDataPoints() {
        Blobs blobs = new Blobs(Blobs.cornerCentres(4, 2, 10f), 50, 1.0, 2);
        try (PointBlocks x = blobs.matrix()) {
            KMeansOptions o = new KMeansOptions(200, KMeansOptions.Init.RANDOM, 1, 0, 200, 1, 1, 3, 1, 0);
            float[] centroids = Seeding.initialCentroids(x, o, new Random(3));
            Set<String> rows = new HashSet<>();
            for (int c = 0; c < 200; c++) {
                assertThat(isRowOf(blobs, centroids, c)).isTrue();
                rows.add(centroids[2 * c] + "," + centroids[2 * c + 1]);
            }
            assertThat(rows).as("k = N picks every point once").hasSize(200);
            assertThatThrownBy(() -> Seeding.initialCentroids(x, o.withK(201), new Random(3)))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    private static boolean isRowOf(Blobs blobs, float[] centroids, int c) {
        int dim = blobs.dim;
        for (int i = 0; i < blobs.rows(); i++) {
            boolean same = true;
            for (int d = 0; d < dim && same; d++) {
                same = blobs.data[i * dim + d] == centroids[c * dim + d];
            }
            if (same) {
                return true;
            }
        }
        return false;
    }
}
