package dev.latentlab.clustering;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;

/**
 * The fused kernel's assignment ({@link NativeNearest}: labels equal a float64 brute force, ties to the lower
 * index) of points held in plain float blocks (row-major, D floats a row, such as a Spark partition's cached
 * patches) to K centroids: per-centroid sums, counts and squared error into a {@link ClusterSums}, and each row's
 * label when asked. One per thread and set of centroids; close it to free the kernel's packed centroids.
 *
 * <p>The blocks stay ordinary heap arrays (a cache may serialise or spill them); the kernel reads direct memory, so
 * rows are copied tile by tile into one direct buffer, which is then summed while it is hot. The copy is 4·D bytes
 * a row against the kernel's 2·K·D floating-point operations.
 */
public final class FloatBlockAssigner implements AutoCloseable {
    private final float[] centroids;
    private final int dim;
    private final int tileRows;
    private final FloatBuffer stage;
    private final IntBuffer nearest;
    private long handle;

    /** Whether the fused kernel runs in this JVM for points of dimension {@code dim}. */
    public static boolean available(int dim) {
        return NativeNearest.available() && dim <= NativeNearest.MAX_DIM;
    }

    /** Why the fused kernel does not run for dimension {@code dim} (empty when it does). */
    public static String unavailableReason(int dim) {
        if (!NativeNearest.available()) {
            return "the fused k-means kernel (liblatentlab-kmeans.so) did not load in this JVM";
        }
        return dim > NativeNearest.MAX_DIM ? "the fused k-means kernel takes D <= " + NativeNearest.MAX_DIM
                + ", not D = " + dim : "";
    }

    /** An assigner to {@code centroids} (K x {@code dim}, row-major). */
    public FloatBlockAssigner(float[] centroids, int dim) {
        if (!available(dim)) {
            throw new IllegalStateException(unavailableReason(dim));
        }
        if (centroids.length == 0 || centroids.length % dim != 0) {
            throw new IllegalArgumentException("centroids length " + centroids.length + " is not K x " + dim);
        }
        this.centroids = centroids;
        this.dim = dim;
        this.tileRows = NearestCentroidSearch.FUSED_TILE_ROWS;
        this.stage = ByteBuffer.allocateDirect(4 * tileRows * dim).order(ByteOrder.nativeOrder()).asFloatBuffer();
        this.nearest = ByteBuffer.allocateDirect(4 * tileRows).order(ByteOrder.nativeOrder()).asIntBuffer();
        this.handle = NativeNearest.prepare(centroids, centroids.length / dim, dim);
        if (handle == 0) {
            throw new OutOfMemoryError("fused kernel: no native memory for " + centroids.length / dim + " centroids");
        }
    }

    /**
     * Assigns rows {@code [0, rows)} of {@code block} (row r at {@code r * D}), adding counts and squared error (and
     * with {@code withSums} the rows themselves) to {@code into}; with {@code labels} not null, row r's label goes
     * to {@code labels[firstLabel + r]}.
     */
    public void assign(float[] block, int rows, ClusterSums into, boolean withSums, int[] labels, int firstLabel) {
        if (handle == 0) {
            throw new IllegalStateException("closed");
        }
        if ((long) rows * dim > block.length) {
            throw new IllegalArgumentException(rows + " rows of " + dim + " in a block of " + block.length + " floats");
        }
        for (int start = 0; start < rows; start += tileRows) {
            int count = Math.min(tileRows, rows - start);
            stage.put(0, block, start * dim, count * dim);
            if (NativeNearest.nearest(handle, stage, 0, count, dim, nearest) < 0) {
                throw new IllegalStateException("fused kernel refused rows " + start + ".." + (start + count));
            }
            into.add(centroids, stage, 0, dim, firstLabel + start, count, nearest, labels, withSums);
        }
    }

    @Override
    public void close() {
        if (handle != 0) {
            NativeNearest.release(handle);
            handle = 0;
        }
    }
}
