package dev.latentlab.clustering;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.indexaccum.custom.ArgMin;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Finds each point's nearest centroid, tile by tile on worker threads, and hands every tile's result to a visitor
 * while the tile is still in cache.
 *
 * <p>Three search paths. {@link Kernel#FUSED} (the default for D <= 64 where the native library loaded): the
 * register-blocked native kernel of {@link NativeNearest}, no distance matrix at all, labels equal to a float64
 * brute force. {@link Kernel#GEMM}: per tile of T rows one sgemm {@code [T, D+1] x [D+1, K]} of the augmented rows
 * with the augmented centroids {@code [-2c, ||c||^2]} gives {@code ||c||^2 - 2 x.c}, then ND4J's argmin along K.
 * Memory is bounded by {@code threads * T * K} floats: never an N x K matrix. Inside GEMM, the direct path: when
 * K·D is at most {@link #DIRECT_MAX_WORK} (a mixture's k-means initialisation, D = 2, K = 3) plain Java loops
 * replace the sgemm and argmin, measured faster there (see the constant). Tiles are shared out to Java worker
 * threads, each with its own buffers; OpenBLAS runs single-threaded inside them (two Java threads with one BLAS
 * thread each measured faster than one Java thread with two BLAS threads on the small-inner-dimension GEMM).
 */
public final class NearestCentroidSearch implements AutoCloseable {
    /** Bytes of distance tile per thread that the automatic tile size aims at (fits in L2/L3). */
    static final long TILE_BYTES = 4L << 20;

    /** Rows per work unit of the fused kernel: its working set is a few KB whatever the tile, so this only spreads work. */
    static final int FUSED_TILE_ROWS = 8192;

    private final int tileRowsOption;
    private final Kernel kernel;
    private final TileRunner runner;

    /**
     * @param threads  worker threads (>= 1)
     * @param tileRows rows per tile, or 0 to choose ({@link #autoTileRows(int)} for GEMM, {@link #FUSED_TILE_ROWS})
     * @param kernel   how to compute; FUSED fails at {@link #run} where it cannot run
     */
    public NearestCentroidSearch(int threads, int tileRows, Kernel kernel) {
        if (threads < 1 || tileRows < 0) {
            throw new IllegalArgumentException("threads " + threads + ", tile rows " + tileRows);
        }
        this.tileRowsOption = tileRows;
        this.kernel = kernel;
        this.runner = new TileRunner(threads, "nearest-centroid");
    }

    /** The kernel for points of dimension {@code dim}: {@link Kernel#FUSED} where it can run, else GEMM. */
    public NearestCentroidSearch(int threads, int tileRows) {
        this(threads, tileRows, Kernel.AUTO);
    }

    /** How distances and argmin are computed. */
    public enum Kernel {
        /** FUSED where the native library loaded and D <= 64, else GEMM. */
        AUTO,
        /** The native register-blocked kernel: exact, no distance tile. */
        FUSED,
        /** ND4J sgemm into a tile of T x K distances, then ND4J's argmin (float32 ties and near-ties as sgemm rounds). */
        GEMM;

        /** This kernel, with AUTO resolved for points of dimension {@code dim}. */
        public Kernel resolve(int dim) {
            if (this != AUTO) {
                return this;
            }
            return NativeNearest.available() && dim <= NativeNearest.MAX_DIM ? FUSED : GEMM;
        }
    }

    /** The fused kernel's instruction sets, fastest first; {@code auto} picks the best this CPU has. */
    public static final java.util.List<String> INSTRUCTION_SETS = java.util.List.of("avx512", "avx2", "scalar");

    /**
     * Makes the fused kernel use instruction set {@code name} ({@code auto}, or one of {@link #INSTRUCTION_SETS}) in
     * this process, so that a benchmark or a test can run a slower path on a faster CPU; false when this CPU lacks it.
     */
    public static boolean useInstructionSet(String name) {
        return NativeNearest.useIsa(name);
    }

    /** The instruction set the fused kernel uses now. */
    public static String instructionSet() {
        return NativeNearest.isa();
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

    /** Rows per tile used for {@code k} centroids of dimension {@code dim}. */
    public int tileRows(int k, int dim) {
        if (tileRowsOption > 0) {
            return tileRowsOption;
        }
        return kernel.resolve(dim) == Kernel.FUSED ? FUSED_TILE_ROWS : autoTileRows(k);
    }

    /** The kernel used for points of dimension {@code dim}. */
    public Kernel kernel(int dim) {
        return kernel.resolve(dim);
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
        void visit(S state, FloatBuffer rows, int firstInBlock, long firstRow, int count, IntBuffer nearest);
    }

    /**
     * Runs the search of all rows of {@code x} against {@code k} centroids ({@code centroids} row-major K x D) and
     * returns the per-thread states after every tile was visited.
     */
    public <S> List<S> run(PointBlocks x, float[] centroids, int k, Supplier<S> newState, TileVisitor<S> visitor) {
        int dim = x.dim();
        if (centroids.length != k * dim) {
            throw new IllegalArgumentException("centroids length " + centroids.length + " != " + k + "*" + dim);
        }
        int tile = tileRows(k, dim);
        refined.set(0);
        if (kernel.resolve(dim) == Kernel.FUSED) {
            if (!NativeNearest.available() || dim > NativeNearest.MAX_DIM) {
                throw new IllegalStateException("fused kernel: native library " + (NativeNearest.available()
                        ? "loaded but D = " + dim + " > " + NativeNearest.MAX_DIM : "not loaded"));
            }
            long handle = NativeNearest.prepare(centroids, k, dim);
            if (handle == 0) {
                throw new OutOfMemoryError("fused kernel: no native memory for " + k + " centroids");
            }
            try {
                return runner.run(x, tile, () -> new FusedWorker<>(x, handle, tile, newState.get(), visitor));
            } finally {
                NativeNearest.release(handle);
            }
        }
        try (INDArray augmented = augmentedCentroids(centroids, k, dim)) {
            return runner.run(x, tile, () -> new SearchWorker<>(x, augmented, centroids, k, tile, newState.get(), visitor));
        }
    }

    /** Rows that the last fused {@link #run} checked in float64 (near or exact ties), over all threads. */
    public long refinedRows() {
        return refined.get();
    }

    /**
     * The baseline of the benchmark: the GEMM kernel's tiled sgemm over all rows, with the same threads and tile
     * size, but no argmin and no visitor.
     */
    public void gemmOnly(PointBlocks x, float[] centroids, int k) {
        int tile = tileRowsOption > 0 ? tileRowsOption : autoTileRows(k);
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
    }

    private final AtomicLong refined = new AtomicLong();

    /** One thread's label buffer for the native kernel, and the caller's state that visits each tile's result. */
    private final class FusedWorker<S> implements TileRunner.Worker<S> {
        private final PointBlocks x;
        private final long handle;
        private final S state;
        private final TileVisitor<S> visitor;
        private final IntBuffer labels;
        private long checked;

        FusedWorker(PointBlocks x, long handle, int tile, S state, TileVisitor<S> visitor) {
            this.x = x;
            this.handle = handle;
            this.state = state;
            this.visitor = visitor;
            this.labels = ByteBuffer.allocateDirect(4 * tile).order(ByteOrder.nativeOrder()).asIntBuffer();
        }

        @Override
        public void process(TileRunner.Tile t) {
            FloatBuffer rows = x.view(t.block());
            int n = NativeNearest.nearest(handle, rows, t.start(), t.count(), x.stride(), labels);
            if (n < 0) {
                throw new IllegalStateException("fused kernel refused tile " + t);
            }
            checked += n;
            visitor.visit(state, rows, t.start(), t.firstRow(), t.count(), labels);
        }

        @Override
        public S result() {
            refined.addAndGet(checked);
            return state;
        }
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
        private final PointBlocks x;
        private final INDArray augmented;
        private final int tile;
        private final S state;
        private final TileVisitor<S> visitor;
        private final INDArray distances;
        private final INDArray nearest;
        private final IntBuffer nearestView;
        private final float[] direct;

        SearchWorker(PointBlocks x, INDArray augmented, float[] centroids, int k, int tile, S state,
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
                this.nearestView = IntBuffer.wrap(new int[tile]);
            } else {
                this.direct = null;
                this.distances = Nd4j.createUninitialized(DataType.FLOAT, tile, k);
                this.nearest = Nd4j.createUninitialized(DataType.INT, tile);
                this.nearestView = nearest.data().asNioInt();
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
