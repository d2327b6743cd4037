package dev.latentlab.eval;

import java.util.Arrays;

/**
 * Clustering figures of cluster ids against true labels, as the clustering literature reports them and as
 * scikit-learn computes them: one-to-one (Hungarian-matched) accuracy, normalised mutual information with the
 * arithmetic-mean normalisation ({@code normalized_mutual_info_score}'s default) and the adjusted Rand index.
 *
 * @param hungarianAccuracy the fraction of samples whose cluster is matched to their label by the best one-to-one
 *                          matching of clusters to labels (unmatched clusters count as wrong)
 * @param nmi               normalised mutual information, in [0, 1]
 * @param ari               adjusted Rand index, 1 for identical partitions, about 0 for random ones
 * @param clusters          the number of distinct cluster ids
 */
public record ClusteringMetrics(double hungarianAccuracy, double nmi, double ari, int clusters) {

    /** The figures of {@code clusters} (any integer ids) against {@code truth} (any integer labels), same length. */
    public static ClusteringMetrics of(int[] truth, int[] clusters) {
        if (truth.length != clusters.length) {
            throw new IllegalArgumentException(truth.length + " labels but " + clusters.length + " cluster ids");
        }
        int[] classIds = dense(truth);
        int[] clusterIds = dense(clusters);
        int c = Arrays.stream(classIds).max().orElse(-1) + 1;
        int k = Arrays.stream(clusterIds).max().orElse(-1) + 1;
        long[][] table = new long[c][k];
        for (int i = 0; i < truth.length; i++) {
            table[classIds[i]][clusterIds[i]]++;
        }
        return new ClusteringMetrics(hungarianAccuracy(table, truth.length), nmi(table, truth.length),
                ari(table, truth.length), k);
    }

    private static double hungarianAccuracy(long[][] table, int n) {
        if (n == 0) {
            return Double.NaN;
        }
        int[] match = Hungarian.maximise(table);
        long right = 0;
        for (int a = 0; a < table.length; a++) {
            if (match[a] >= 0) {
                right += table[a][match[a]];
            }
        }
        return (double) right / n;
    }

    /** scikit-learn's normalized_mutual_info_score(average_method="arithmetic"). */
    private static double nmi(long[][] table, int n) {
        int c = table.length;
        int k = c == 0 ? 0 : table[0].length;
        if (c == k && c <= 1) {
            return 1.0;
        }
        long[] rows = rowSums(table);
        long[] cols = columnSums(table);
        double mi = 0;
        for (int a = 0; a < c; a++) {
            for (int b = 0; b < k; b++) {
                long nij = table[a][b];
                if (nij > 0) {
                    mi += (double) nij / n * Math.log((double) nij * n / ((double) rows[a] * cols[b]));
                }
            }
        }
        mi = Math.max(mi, 0);
        if (mi == 0) {
            return 0.0;
        }
        double normaliser = Math.max((entropy(rows, n) + entropy(cols, n)) / 2, Math.ulp(1.0));
        return mi / normaliser;
    }

    /** scikit-learn's adjusted_rand_score, through the pair confusion matrix. */
    private static double ari(long[][] table, int n) {
        double sumSquares = 0;
        for (long[] row : table) {
            for (long v : row) {
                sumSquares += (double) v * v;
            }
        }
        double rowSquares = Arrays.stream(rowSums(table)).mapToDouble(v -> (double) v * v).sum();
        double colSquares = Arrays.stream(columnSums(table)).mapToDouble(v -> (double) v * v).sum();
        double tp = sumSquares - n;
        double fp = colSquares - sumSquares;
        double fn = rowSquares - sumSquares;
        double tn = (double) n * n - fp - fn - sumSquares;
        if (fn == 0 && fp == 0) {
            return 1.0;
        }
        return 2.0 * (tp * tn - fn * fp) / ((tp + fn) * (fn + tn) + (tp + fp) * (fp + tn));
    }

    private static double entropy(long[] counts, int n) {
        double h = 0;
        for (long v : counts) {
            if (v > 0) {
                double p = (double) v / n;
                h -= p * Math.log(p);
            }
        }
        return h;
    }

    private static long[] rowSums(long[][] table) {
        return Arrays.stream(table).mapToLong(r -> Arrays.stream(r).sum()).toArray();
    }

    private static long[] columnSums(long[][] table) {
        long[] out = new long[table.length == 0 ? 0 : table[0].length];
        for (long[] row : table) {
            for (int b = 0; b < out.length; b++) {
                out[b] += row[b];
            }
        }
        return out;
    }

    /** The ids renumbered 0, 1, … in ascending order of value. */
    private static int[] dense(int[] ids) {
        int[] sorted = Arrays.stream(ids).distinct().sorted().toArray();
        int[] out = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            out[i] = Arrays.binarySearch(sorted, ids[i]);
        }
        return out;
    }
}
