package dev.latentlab.kmeans;

import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.List;
import java.util.function.Supplier;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.indexaccum.custom.ArgMin;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Finds each point's nearest centroid with a tiled GEMM fused with an argmin, and hands every tile's result to
 * a visitor while the tile is still in cache.
 *
 * <p>Per tile of T rows: one sgemm {@code [T, D+1] x [D+1, K]} of the augmented rows with the augmented
 * centroids {@code [-2c, ||c||^2]} gives {@code ||c||^2 - 2 x.c}, then ND4J's argmin along K. Memory is
 * bounded by {@code threads * T * K} floats: never an N x K matrix. Tiles are shared out to Java worker threads,
 * each with its own buffers; OpenBLAS runs single-threaded inside them (two Java threads with one BLAS thread
 * each measured faster than one Java thread with two BLAS threads on the small-inner-dimension GEMM).
 */
public final class NearestCentroidSearch implements AutoCloseable {
    /** Bytes of distance tile per thread that the automatic tile size aims at (fits in L2/L3). */
    static final long TILE_BYTES = 4L << 20;

    private final int tileRowsOption;
    private final TileRunner runner;

    /**
     * @param threads  worker threads (>= 1)
     * @param tileRows rows per tile, or 0 to choose from K ({@link #autoTileRows(int)})
     */
    public NearestCentroidSearch(int threads, int tileRows) {
        if (threads < 1 || tileRows < 0) {
            throw new IllegalArgumentException("threads " + threads + ", tile rows " + tileRows);
        }
        this.tileRowsOption = tileRows;
        this.runner = new TileRunner(threads, "nearest-centroid");
    }

    /** Rows per tile so that one tile of distances is about {@link #TILE_BYTES}, between 256 and 8192. */
    public static int autoTileRows(int k) {
        long rows = TILE_BYTES / (4L * k);
        return (int) Math.max(256, Math.min(8192, Integer.highestOneBit((int) Math.max(1, rows))));
    }

    /** Worker threads. */
    public int threads() {
        return runner.threads();
    }

    /** Rows per tile used for {@code k} centroids. */
    public int tileRows(int k) {
        return tileRowsOption > 0 ? tileRowsOption : autoTileRows(k);
    }

    /** Receives the nearest centroid of each row of one tile. Called concurrently, one state per thread. */
    @FunctionalInterface
    public interface TileVisitor<S> {
        /**
         * @param state    this thread's own state
         * @param rows     the block's floats; row r of the tile starts at {@code (firstInBlock + r) * stride}
         * @param firstInBlock first row of the tile within its block
         * @param firstRow first row of the tile within the whole matrix
         * @param count    rows in the tile
         * @param nearest  nearest centroid index of tile row r at {@code nearest.get(r)}
         */
        void visit(S state, FloatBuffer rows, int firstInBlock, long firstRow, int count, LongBuffer nearest);
    }

    /**
     * Runs the search of all rows of {@code x} against {@code k} centroids ({@code centroids} row-major K x D) and
     * returns the per-thread states after every tile was visited.
     */
    public <S> List<S> run(PatchMatrix x, float[] centroids, int k, Supplier<S> newState, TileVisitor<S> visitor) {
        int dim = x.dim();
        if (centroids.length != k * dim) {
            throw new IllegalArgumentException("centroids length " + centroids.length + " != " + k + "*" + dim);
        }
        int tile = tileRows(k);
        try (INDArray augmented = augmentedCentroids(centroids, k, dim)) {
            return runner.run(x, tile, () -> new SearchWorker<>(x, augmented, centroids, k, tile, newState.get(), visitor));
        }
    }

    /**
     * The baseline of the benchmark: the same tiled sgemm over all rows, with the same threads and tile size, but
     * no argmin and no visitor. Returns the wall time in seconds.
     */
    public double gemmOnlySeconds(PatchMatrix x, float[] centroids, int k) {
        int tile = tileRows(k);
        long start = System.nanoTime();
        try (INDArray augmented = augmentedCentroids(centroids, k, x.dim())) {
            runner.run(x, tile, () -> new TileRunner.Worker<Void>() {
                private final INDArray distances = Nd4j.createUninitialized(DataType.FLOAT, tile, k);

                @Override
                public void process(TileRunner.Tile t) {
                    INDArray d = t.count() == tile ? distances
                            : distances.get(NDArrayIndex.interval(0, t.count()), NDArrayIndex.all());
                    Nd4j.gemm(t.rows(x), augmented, d, false, true, 1.0, 0.0);
                }

                @Override
                public Void result() {
                    return null;
                }

                @Override
                public void close() {
                    distances.close();
                }
            });
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /**
     * Largest K·D searched by plain Java loops instead of GEMM + argmin. On few low-dimensional centroids (a
     * Gaussian mixture's k-means initialisation: D = 2, K = 3) the ND4J calls and buffers cost more than the
     * distances themselves: measured on 3,000 x 2 points, K = 3, 2 cores, about 2-12 ms per Lloyd iteration through
     * GEMM against well under 1 ms in Java (see bench gmm).
     */
    static final int DIRECT_MAX_WORK = 32;

    /** One thread's distance and argmin buffers, and the caller's state that visits each tile's result. */
    private static final class SearchWorker<S> implements TileRunner.Worker<S> {
        private final PatchMatrix x;
        private final INDArray augmented;
        private final int tile;
        private final S state;
        private final TileVisitor<S> visitor;
        private final INDArray distances;
        private final INDArray nearest;
        private final LongBuffer nearestView;
        private final float[] direct;

        SearchWorker(PatchMatrix x, INDArray augmented, float[] centroids, int k, int tile, S state,
                     TileVisitor<S> visitor) {
            this.x = x;
            this.augmented = augmented;
            this.tile = tile;
            this.state = state;
            this.visitor = visitor;
            if ((long) k * x.dim() <= DIRECT_MAX_WORK) {
                this.direct = centroids;
                this.distances = null;
                this.nearest = null;
                this.nearestView = LongBuffer.wrap(new long[tile]);
            } else {
                this.direct = null;
                this.distances = Nd4j.createUninitialized(DataType.FLOAT, tile, k);
                this.nearest = Nd4j.createUninitialized(DataType.LONG, tile);
                this.nearestView = nearest.data().asNioLong();
            }
        }

        @Override
        public void process(TileRunner.Tile t) {
            int count = t.count();
            if (direct != null) {
                nearestDirect(x.view(t.block()), t.start(), count);
            } else {
                INDArray d = count == tile ? distances : distances.get(NDArrayIndex.interval(0, count), NDArrayIndex.all());
                INDArray out = count == tile ? nearest : nearest.get(NDArrayIndex.interval(0, count));
                Nd4j.gemm(t.rows(x), augmented, d, false, true, 1.0, 0.0);
                Nd4j.exec(new ArgMin(new INDArray[] {d}, new INDArray[] {out}, false, 1));
            }
            visitor.visit(state, x.view(t.block()), t.start(), t.firstRow(), count, nearestView);
        }

        /** Nearest centroid of each tile row by squared distance (the lowest index on a tie, as argmin). */
        private void nearestDirect(FloatBuffer rows, int firstInBlock, int count) {
            int dim = x.dim();
            int stride = dim + 1;
            int k = direct.length / dim;
            for (int r = 0; r < count; r++) {
                int base = (firstInBlock + r) * stride;
                int best = 0;
                float bestDist = Float.POSITIVE_INFINITY;
                for (int c = 0; c < k; c++) {
                    float dist = 0;
                    for (int d = 0; d < dim; d++) {
                        float diff = rows.get(base + d) - direct[c * dim + d];
                        dist += diff * diff;
                    }
                    if (dist < bestDist) {
                        bestDist = dist;
                        best = c;
                    }
                }
                nearestView.put(r, best);
            }
        }

        @Override
        public S result() {
            return state;
        }

        @Override
        public void close() {
            if (distances != null) {
                distances.close();
                nearest.close();
            }
        }
    }

    /** {@code [-2c, ||c||^2]} as a K x (D+1) matrix. */
    static INDArray augmentedCentroids(float[] centroids, int k, int dim) {
        float[] aug = new float[k * (dim + 1)];
        for (int c = 0; c < k; c++) {
            double norm = 0;
            for (int d = 0; d < dim; d++) {
                float v = centroids[c * dim + d];
                aug[c * (dim + 1) + d] = -2f * v;
                norm += (double) v * v;
            }
            aug[c * (dim + 1) + dim] = (float) norm;
        }
        return Nd4j.create(aug, new long[] {k, dim + 1}, DataType.FLOAT);
    }

    @Override
    public void close() {
        runner.close();
    }
}
