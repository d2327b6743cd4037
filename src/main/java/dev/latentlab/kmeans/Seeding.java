package dev.latentlab.kmeans;

import java.util.Random;

/**
 * Initial centroids: uniformly chosen distinct points, or k-means++ (Arthur and Vassilvitskii, 2007) run on a
 * seeded sample of the points when N is large.
 */
final class Seeding {
    private Seeding() {
    }

    /** Initial centroids (K x D, row-major) for {@code options}, drawing every random choice from {@code rng}. */
    static float[] initialCentroids(PatchMatrix x, KMeansOptions options, Random rng) {
        int k = options.k();
        if (x.rows() < k) {
            throw new IllegalArgumentException("k = " + k + " is more than the " + x.rows() + " points to cluster");
        }
        return switch (options.init()) {
            case RANDOM -> rows(x, distinctIndices(x.rows(), k, rng));
            case KMEANS_PLUS_PLUS -> kMeansPlusPlus(x, k, Math.max(options.initSample(), k), rng);
        };
    }

    /** {@code m} distinct indices from [0, n), in random order (Floyd's algorithm for small m). */
    static long[] distinctIndices(long n, int m, Random rng) {
        java.util.LinkedHashSet<Long> chosen = new java.util.LinkedHashSet<>();
        for (long j = n - m; j < n; j++) {
            long t = (long) (rng.nextDouble() * (j + 1));
            if (!chosen.add(t)) {
                chosen.add(j);
            }
        }
        long[] out = new long[m];
        int i = 0;
        for (long v : chosen) {
            out[i++] = v;
        }
        // Floyd's set is not in uniformly random order; shuffle it.
        for (int a = m - 1; a > 0; a--) {
            int b = rng.nextInt(a + 1);
            long tmp = out[a];
            out[a] = out[b];
            out[b] = tmp;
        }
        return out;
    }

    private static float[] rows(PatchMatrix x, long[] indices) {
        int dim = x.dim();
        float[] out = new float[indices.length * dim];
        for (int i = 0; i < indices.length; i++) {
            x.copyRow(indices[i], out, i * dim);
        }
        return out;
    }

    /**
     * Plain k-means++ on at most {@code sampleSize} points: each next centroid is a point drawn with probability
     * proportional to its squared distance to the nearest centroid chosen so far.
     */
    private static float[] kMeansPlusPlus(PatchMatrix x, int k, int sampleSize, Random rng) {
        int dim = x.dim();
        int n = (int) Math.min(x.rows(), sampleSize);
        long[] sampleIdx = n == x.rows() ? identity(n) : distinctIndices(x.rows(), n, rng);
        // Column-major sample: the distance loop over points then vectorises.
        float[][] columns = new float[dim][n];
        float[] row = new float[dim];
        for (int i = 0; i < n; i++) {
            x.copyRow(sampleIdx[i], row, 0);
            for (int d = 0; d < dim; d++) {
                columns[d][i] = row[d];
            }
        }
        float[] centroids = new float[k * dim];
        double[] minDist = new double[n];
        java.util.Arrays.fill(minDist, Double.POSITIVE_INFINITY);
        float[] acc = new float[n];
        int pick = rng.nextInt(n);
        for (int c = 0; c < k; c++) {
            for (int d = 0; d < dim; d++) {
                centroids[c * dim + d] = columns[d][pick];
            }
            java.util.Arrays.fill(acc, 0f);
            for (int d = 0; d < dim; d++) {
                float[] col = columns[d];
                float v = centroids[c * dim + d];
                for (int i = 0; i < n; i++) {
                    float diff = col[i] - v;
                    acc[i] += diff * diff;
                }
            }
            double total = 0;
            for (int i = 0; i < n; i++) {
                if (acc[i] < minDist[i]) {
                    minDist[i] = acc[i];
                }
                total += minDist[i];
            }
            if (c + 1 < k) {
                pick = total > 0 ? weightedPick(minDist, total, rng) : rng.nextInt(n);
            }
        }
        return centroids;
    }

    private static int weightedPick(double[] weights, double total, Random rng) {
        double target = rng.nextDouble() * total;
        double run = 0;
        int last = 0;
        for (int i = 0; i < weights.length; i++) {
            if (weights[i] > 0) {
                run += weights[i];
                last = i;
                if (run > target) {
                    return i;
                }
            }
        }
        return last;
    }

    private static long[] identity(int n) {
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            out[i] = i;
        }
        return out;
    }
}
