package dev.latentlab.clustering;

import java.io.Serializable;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.util.List;

/**
 * Per-cluster sums, counts and squared error of an assignment pass; one instance per worker thread (or per Spark
 * partition), merged afterwards. As a {@link NearestCentroidSearch.TileVisitor} it also records each row's label
 * when given an array for them. Serializable, so that a cluster's executors can send theirs to the driver.
 */
public final class ClusterSums implements Serializable {
    private static final long serialVersionUID = 1L;

    final int k;
    final int dim;
    final double[] sums;
    final long[] counts;
    double squaredError;

    /** Zero sums for {@code k} clusters of dimension {@code dim}. */
    public ClusterSums(int k, int dim) {
        this.k = k;
        this.dim = dim;
        this.sums = new double[k * dim];
        this.counts = new long[k];
    }

    /** Sum of squared distances of the assigned rows to their centroids. */
    public double squaredError() {
        return squaredError;
    }

    /** Rows assigned to each cluster (the array itself). */
    public long[] counts() {
        return counts;
    }

    /** Per-cluster sums of the assigned rows, K x D row-major (the array itself; zeros for a pass without sums). */
    public double[] sums() {
        return sums;
    }

    /** A visitor that accumulates into the thread's sums, measuring error against {@code centroids}. */
    static NearestCentroidSearch.TileVisitor<ClusterSums> visitor(float[] centroids, int[] labelsOrNull, boolean withSums) {
        return (state, rows, firstInBlock, firstRow, count, nearest) -> state.add(centroids, rows, firstInBlock,
                state.dim + 1, firstRow, count, nearest, labelsOrNull, withSums);
    }

    /** Adds rows {@code firstInBlock ..} of {@code rows} (row r at {@code r * stride}) assigned to {@code nearest}. */
    void add(float[] centroids, FloatBuffer rows, int firstInBlock, int stride, long firstRow, int count,
             IntBuffer nearest, int[] labels, boolean withSums) {
        double error = 0;
        for (int r = 0; r < count; r++) {
            int c = nearest.get(r);
            int base = (firstInBlock + r) * stride;
            int cb = c * dim;
            double rowError = 0;
            for (int d = 0; d < dim; d++) {
                float v = rows.get(base + d);
                double diff = (double) v - centroids[cb + d]; // in float64: a float difference rounds
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

    /** Adds {@code other}'s sums, counts and error to this one's; returns this. */
    public ClusterSums add(ClusterSums other) {
        if (other.k != k || other.dim != dim) {
            throw new IllegalArgumentException("sums of K " + other.k + ", D " + other.dim + " into K " + k + ", D " + dim);
        }
        for (int i = 0; i < sums.length; i++) {
            sums[i] += other.sums[i];
        }
        for (int c = 0; c < k; c++) {
            counts[c] += other.counts[c];
        }
        squaredError += other.squaredError;
        return this;
    }

    /** Sums the per-thread states into one. */
    static ClusterSums merge(List<ClusterSums> parts) {
        ClusterSums total = new ClusterSums(parts.get(0).k, parts.get(0).dim);
        for (ClusterSums p : parts) {
            total.add(p);
        }
        return total;
    }
}
