package dev.latentlab.clustering;

import java.util.Random;

/**
 * Initial centroids: uniformly chosen distinct points, or k-means++ (Arthur and Vassilvitskii, 2007) run on a
 * seeded sample of the points when N is large, plain (one draw per centre) or greedy (scikit-learn's: several
 * draws per centre, keeping the one that lowers the potential most). The Gaussian mixture's initialisations use
 * these too.
 */
public final class Seeding {
    private Seeding() {
    }

    /** Initial centroids (K x D, row-major) for {@code options}, drawing every random choice from {@code rng}. */
    public static float[] initialCentroids(PointRows x, KMeansOptions options, Random rng) {
        int k = options.k();
        if (x.rows() < k) {
            throw new IllegalArgumentException("k = " + k + " is more than the " + x.rows() + " points to cluster");
        }
        if (options.init() == KMeansOptions.Init.RANDOM) {
            return x.copyRows(distinctIndices(x.rows(), k, rng));
        }
        int trials = options.init() == KMeansOptions.Init.GREEDY_KMEANS_PLUS_PLUS ? greedyTrials(k) : 1;
        Sample sample = Sample.draw(x, Math.max(options.initSample(), k), rng);
        int[] picks = sample.kMeansPlusPlus(k, trials, rng);
        int dim = x.dim();
        float[] out = new float[k * dim];
        for (int c = 0; c < k; c++) {
            System.arraycopy(sample.rows, picks[c] * dim, out, c * dim, dim);
        }
        return out;
    }

    /** scikit-learn's number of candidates per centre in greedy k-means++: {@code 2 + floor(ln k)}. */
    public static int greedyTrials(int k) {
        return 2 + (int) Math.log(k);
    }

    /** {@code m} distinct indices from [0, n), in random order (Floyd's algorithm for small m). */
    public static long[] distinctIndices(long n, int m, Random rng) {
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

    /** The rows {@code indices} of {@code x}, K x D row-major. */
    public static float[] rows(PointRows x, long[] indices) {
        return x.copyRows(indices);
    }

    /**
     * The row indices of k-means++ centres chosen among at most {@code sampleSize} points: each next centre is drawn
     * with probability proportional to its squared distance to the nearest centre chosen so far. With
     * {@code trials > 1} (greedy k-means++, scikit-learn's {@code _kmeans_plusplus}) that many candidates are drawn
     * and the one that leaves the smallest sum of squared distances is kept; {@code trials == 1} is plain k-means++.
     */
    public static long[] kMeansPlusPlus(PointRows x, int k, int sampleSize, int trials, Random rng) {
        if (trials < 1) {
            throw new IllegalArgumentException("trials must be >= 1, got " + trials);
        }
        Sample sample = Sample.draw(x, sampleSize, rng);
        int[] picks = sample.kMeansPlusPlus(k, trials, rng);
        long[] chosen = new long[k];
        for (int c = 0; c < k; c++) {
            chosen[c] = sample.indices[picks[c]];
        }
        return chosen;
    }

    /** A seeded sample of at most {@code size} points (all of them when there are no more): their indices and rows. */
    private record Sample(long[] indices, float[] rows, int dim) {
        static Sample draw(PointRows x, int size, Random rng) {
            int n = (int) Math.min(x.rows(), size);
            long[] indices = n == x.rows() ? identity(n) : distinctIndices(x.rows(), n, rng);
            return new Sample(indices, x.copyRows(indices), x.dim());
        }

        /** The sample positions of the k-means++ centres (see {@link Seeding#kMeansPlusPlus}). */
        int[] kMeansPlusPlus(int k, int trials, Random rng) {
            int n = indices.length;
            // Column-major sample: the distance loop over points then vectorises.
            float[][] columns = new float[dim][n];
            for (int i = 0; i < n; i++) {
                for (int d = 0; d < dim; d++) {
                    columns[d][i] = rows[i * dim + d];
                }
            }
            int[] chosen = new int[k];
            double[] minDist = new double[n];
            java.util.Arrays.fill(minDist, Double.POSITIVE_INFINITY);
            int pick = rng.nextInt(n);
            chosen[0] = pick;
            double total = lowerDistances(columns, pick, minDist, minDist);
            double[][] candidate = trials > 1 ? new double[trials][n] : null;
            double[] cumulative = trials > 1 ? new double[n] : null;
            for (int c = 1; c < k; c++) {
                if (trials == 1) {
                    pick = total > 0 ? weightedPick(minDist, total, rng) : rng.nextInt(n);
                    total = lowerDistances(columns, pick, minDist, minDist);
                } else {
                    double run = 0;
                    for (int i = 0; i < n; i++) {
                        run += minDist[i];
                        cumulative[i] = run;
                    }
                    int best = -1;
                    double bestTotal = Double.POSITIVE_INFINITY;
                    int bestPick = 0;
                    for (int t = 0; t < trials; t++) {
                        int id = total > 0 ? searchCumulative(cumulative, rng.nextDouble() * total) : rng.nextInt(n);
                        double pot = lowerDistances(columns, id, minDist, candidate[t]);
                        if (pot < bestTotal) {
                            bestTotal = pot;
                            best = t;
                            bestPick = id;
                        }
                    }
                    System.arraycopy(candidate[best], 0, minDist, 0, n);
                    total = bestTotal;
                    pick = bestPick;
                }
                chosen[c] = pick;
            }
            return chosen;
        }
    }

    /**
     * {@code out[i] = min(minDist[i], |x_i - x_pick|²)} over the sample columns; returns the sum of {@code out}.
     * {@code out} may be {@code minDist}.
     */
    private static double lowerDistances(float[][] columns, int pick, double[] minDist, double[] out) {
        int n = minDist.length;
        float[] acc = new float[n];
        for (float[] col : columns) {
            float v = col[pick];
            for (int i = 0; i < n; i++) {
                float diff = col[i] - v;
                acc[i] += diff * diff;
            }
        }
        double total = 0;
        for (int i = 0; i < n; i++) {
            double m = Math.min(minDist[i], acc[i]);
            out[i] = m;
            total += m;
        }
        return total;
    }

    /** The first index whose cumulative sum reaches {@code target} (numpy's searchsorted, left), clipped to n-1. */
    private static int searchCumulative(double[] cumulative, double target) {
        int lo = 0;
        int hi = cumulative.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cumulative[mid] < target) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
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
