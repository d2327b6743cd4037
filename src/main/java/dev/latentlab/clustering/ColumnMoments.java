package dev.latentlab.clustering;

import java.io.Serializable;
import java.nio.FloatBuffer;

/**
 * Per-dimension sums and sums of squares of rows, in float64, for the mean per-dimension variance of k-means'
 * tolerance; parts of the rows (blocks, a cluster's partitions) are summed separately and added up.
 */
public final class ColumnMoments implements Serializable {
    private static final long serialVersionUID = 1L;

    private final double[] sum;
    private final double[] sumSq;
    private long rows;

    /** Zero moments of dimension {@code dim}. */
    public ColumnMoments(int dim) {
        sum = new double[dim];
        sumSq = new double[dim];
    }

    /** Adds {@code count} rows of {@code values} (row r at {@code r * stride}). */
    public void add(FloatBuffer values, int count, int stride) {
        for (int r = 0; r < count; r++) {
            int base = r * stride;
            for (int d = 0; d < sum.length; d++) {
                double x = values.get(base + d);
                sum[d] += x;
                sumSq[d] += x * x;
            }
        }
        rows += count;
    }

    /** Adds {@code other}'s rows; returns this. */
    public ColumnMoments add(ColumnMoments other) {
        for (int d = 0; d < sum.length; d++) {
            sum[d] += other.sum[d];
            sumSq[d] += other.sumSq[d];
        }
        rows += other.rows;
        return this;
    }

    /** Rows added. */
    public long rows() {
        return rows;
    }

    /** The mean over dimensions of each dimension's population variance; 0 without rows. */
    public double meanVariance() {
        if (rows == 0) {
            return 0;
        }
        double total = 0;
        for (int d = 0; d < sum.length; d++) {
            double mean = sum[d] / rows;
            total += sumSq[d] / rows - mean * mean;
        }
        return total / sum.length;
    }
}
