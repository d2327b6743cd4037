package dev.latentlab.clustering;

import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.util.List;

/**
 * Per-cluster sums, counts and squared error of an assignment pass; one instance per worker thread, merged
 * afterwards. As a {@link NearestCentroidSearch.TileVisitor} it also records each row's label when given an
 * array for them.
 */
public final class ClusterSums {
    final int k;
    final int dim;
    final double[] sums;
    final long[] counts;
    double squaredError;

    ClusterSums(int k, int dim) {
        this.k = k;
        this.dim = dim;
        this.sums = new double[k * dim];
        this.counts = new long[k];
    }

    /** Sum of squared distances of the assigned rows to their centroids. */
    public double squaredError() {
        return squaredError;
    }

    /** A visitor that accumulates into the thread's sums, measuring error against {@code centroids}. */
    static NearestCentroidSearch.TileVisitor<ClusterSums> visitor(float[] centroids, int[] labelsOrNull, boolean withSums) {
        return (state, rows, firstInBlock, firstRow, count, nearest) ->
                state.add(centroids, rows, firstInBlock, firstRow, count, nearest, labelsOrNull, withSums);
    }

    private void add(float[] centroids, FloatBuffer rows, int firstInBlock, long firstRow, int count,
                     IntBuffer nearest, int[] labels, boolean withSums) {
        int stride = dim + 1;
        double error = 0;
        for (int r = 0; r < count; r++) {
            int c = nearest.get(r);
            int base = (firstInBlock + r) * stride;
            int cb = c * dim;
            double rowError = 0;
            for (int d = 0; d < dim; d++) {
                float v = rows.get(base + d);
                double diff = v - centroids[cb + d];
                rowError += diff * diff;
                if (withSums) {
                    sums[cb + d] += v;
                }
            }
            error += rowError;
            counts[c]++;
            if (labels != null) {
                labels[(int) (firstRow + r)] = c;
            }
        }
        squaredError += error;
    }

    /** Sums the per-thread states into one. */
    static ClusterSums merge(List<ClusterSums> parts) {
        ClusterSums total = new ClusterSums(parts.get(0).k, parts.get(0).dim);
        for (ClusterSums p : parts) {
            for (int i = 0; i < total.sums.length; i++) {
                total.sums[i] += p.sums[i];
            }
            for (int c = 0; c < total.k; c++) {
                total.counts[c] += p.counts[c];
            }
            total.squaredError += p.squaredError;
        }
        return total;
    }
}
