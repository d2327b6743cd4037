package dev.latentlab.mixture;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Random;
import java.util.Set;

/** Starting responsibilities of an EM fit: a hard assignment of every sample to one of K centres. */
final class Initialization {
    /** Most Lloyd iterations after k-means++ seeding. */
    static final int KMEANS_ITERATIONS = 20;

    private Initialization() {
    }

    /** Hard responsibilities {@code [k][n]} (each sample 1 for one component) for {@code init}. */
    static double[][] responsibilities(double[][] cols, int n, int k, GmmOptions.Init init, Random rng) {
        int[] labels;
        if (init == GmmOptions.Init.RANDOM) {
            labels = nearest(cols, n, rows(cols, distinct(n, k, rng)));
        } else {
            double[][] centres = kMeansPlusPlus(cols, n, k, rng);
            labels = nearest(cols, n, centres);
            for (int it = 0; it < KMEANS_ITERATIONS; it++) {
                centres = centroids(cols, n, labels, centres);
                int[] next = nearest(cols, n, centres);
                boolean same = Arrays.equals(next, labels);
                labels = next;
                if (same) {
                    break;
                }
            }
        }
        double[][] resp = new double[k][n];
        for (int t = 0; t < n; t++) {
            resp[labels[t]][t] = 1.0;
        }
        return resp;
    }

    /** k-means++: each next centre is a sample drawn with probability proportional to its squared distance. */
    private static double[][] kMeansPlusPlus(double[][] cols, int n, int k, Random rng) {
        int d = cols.length;
        double[][] centres = new double[k][];
        double[] minDist = new double[n];
        Arrays.fill(minDist, Double.POSITIVE_INFINITY);
        int pick = rng.nextInt(n);
        for (int c = 0; c < k; c++) {
            centres[c] = column(cols, pick);
            double[] dist = new double[n];
            for (int i = 0; i < d; i++) {
                double[] xi = cols[i];
                double v = centres[c][i];
                for (int t = 0; t < n; t++) {
                    double diff = xi[t] - v;
                    dist[t] += diff * diff;
                }
            }
            double total = 0;
            for (int t = 0; t < n; t++) {
                minDist[t] = Math.min(minDist[t], dist[t]);
                total += minDist[t];
            }
            if (c + 1 < k) {
                pick = total > 0 ? weightedPick(minDist, total, rng) : rng.nextInt(n);
            }
        }
        return centres;
    }

    private static int weightedPick(double[] weights, double total, Random rng) {
        double target = rng.nextDouble() * total;
        double run = 0;
        int last = 0;
        for (int t = 0; t < weights.length; t++) {
            if (weights[t] > 0) {
                run += weights[t];
                last = t;
                if (run > target) {
                    return t;
                }
            }
        }
        return last;
    }

    /** The index of the nearest centre of every sample. */
    private static int[] nearest(double[][] cols, int n, double[][] centres) {
        int[] labels = new int[n];
        double[] best = new double[n];
        Arrays.fill(best, Double.POSITIVE_INFINITY);
        double[] dist = new double[n];
        for (int c = 0; c < centres.length; c++) {
            Arrays.fill(dist, 0.0);
            for (int i = 0; i < cols.length; i++) {
                double[] xi = cols[i];
                double v = centres[c][i];
                for (int t = 0; t < n; t++) {
                    double diff = xi[t] - v;
                    dist[t] += diff * diff;
                }
            }
            for (int t = 0; t < n; t++) {
                if (dist[t] < best[t]) {
                    best[t] = dist[t];
                    labels[t] = c;
                }
            }
        }
        return labels;
    }

    /** Cluster means; a cluster without samples keeps its previous centre. */
    private static double[][] centroids(double[][] cols, int n, int[] labels, double[][] previous) {
        int k = previous.length;
        int d = cols.length;
        double[][] sums = new double[k][d];
        int[] counts = new int[k];
        for (int t = 0; t < n; t++) {
            counts[labels[t]]++;
        }
        for (int i = 0; i < d; i++) {
            double[] xi = cols[i];
            for (int t = 0; t < n; t++) {
                sums[labels[t]][i] += xi[t];
            }
        }
        for (int c = 0; c < k; c++) {
            if (counts[c] == 0) {
                sums[c] = previous[c].clone();
            } else {
                for (int i = 0; i < d; i++) {
                    sums[c][i] /= counts[c];
                }
            }
        }
        return sums;
    }

    /** {@code m} distinct indices from [0, n), in random order. */
    private static int[] distinct(int n, int m, Random rng) {
        Set<Integer> chosen = new LinkedHashSet<>();
        for (int j = n - m; j < n; j++) {
            int t = rng.nextInt(j + 1);
            if (!chosen.add(t)) {
                chosen.add(j);
            }
        }
        int[] out = chosen.stream().mapToInt(Integer::intValue).toArray();
        for (int a = m - 1; a > 0; a--) {
            int b = rng.nextInt(a + 1);
            int tmp = out[a];
            out[a] = out[b];
            out[b] = tmp;
        }
        return out;
    }

    private static double[][] rows(double[][] cols, int[] indices) {
        double[][] out = new double[indices.length][];
        for (int c = 0; c < indices.length; c++) {
            out[c] = column(cols, indices[c]);
        }
        return out;
    }

    private static double[] column(double[][] cols, int t) {
        double[] out = new double[cols.length];
        for (int i = 0; i < cols.length; i++) {
            out[i] = cols[i][t];
        }
        return out;
    }
}
