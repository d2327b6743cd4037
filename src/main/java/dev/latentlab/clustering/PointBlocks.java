package dev.latentlab.clustering;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * N points of dimension D (5×5 patches, RGB pixels, a mixture's points) held off-heap in ND4J row blocks, built
 * for a GEMM-based nearest-centroid search.
 *
 * <p>Each row is stored as D values followed by a constant 1 ("augmented" row), so that one GEMM of the rows
 * with the augmented centroids {@code [-2c, ||c||^2]} yields {@code ||c||^2 - 2 x.c} directly: the squared
 * distance up to the row's own {@code ||x||^2}, which does not change the argmin. Blocks keep every off-heap
 * buffer under 2 GiB and let Java read rows through a direct {@link FloatBuffer} without copies.
 */
public final class PointBlocks implements PointRows, AutoCloseable {
    /** Default rows per block: 1 Mi rows of 26 floats = 104 MiB. */
    public static final int DEFAULT_BLOCK_ROWS = 1 << 20;

    private final int dim;
    private final long rows;
    private final int blockRows;
    private final List<INDArray> blocks;
    private final List<FloatBuffer> views;

    private PointBlocks(int dim, long rows, int blockRows, List<INDArray> blocks) {
        this.dim = dim;
        this.rows = rows;
        this.blockRows = blockRows;
        this.blocks = blocks;
        this.views = new ArrayList<>(blocks.size());
        for (INDArray b : blocks) {
            views.add(b.data().asNioFloat());
        }
    }

    /** Point dimension D (without the augmented column). */
    @Override
    public int dim() {
        return dim;
    }

    /** Number of points N. */
    @Override
    public long rows() {
        return rows;
    }

    /** Row stride in floats: D + 1. */
    public int stride() {
        return dim + 1;
    }

    int blockRows() {
        return blockRows;
    }

    int blockCount() {
        return blocks.size();
    }

    /** Block {@code b} as an ND4J matrix [rows, D+1] (augmented rows). */
    INDArray block(int b) {
        return blocks.get(b);
    }

    /** Direct read view of block {@code b}'s floats (row-major, stride D+1). */
    public FloatBuffer view(int b) {
        return views.get(b);
    }

    /** Number of rows in block {@code b}. */
    int rowsInBlock(int b) {
        return (int) Math.min(blockRows, rows - (long) b * blockRows);
    }

    /** Copies point {@code i} into {@code out[offset .. offset+D)}. */
    public void copyRow(long i, float[] out, int offset) {
        int b = (int) (i / blockRows);
        int base = (int) (i - (long) b * blockRows) * stride();
        views.get(b).get(base, out, offset, dim);
    }

    @Override
    public float[] copyRows(long[] indices) {
        float[] out = new float[indices.length * dim];
        for (int i = 0; i < indices.length; i++) {
            copyRow(indices[i], out, i * dim);
        }
        return out;
    }

    /** The mean over dimensions of each dimension's variance (population), as scikit-learn's tolerance uses. */
    @Override
    public double meanVariance() {
        ColumnMoments moments = new ColumnMoments(dim);
        for (int b = 0; b < blocks.size(); b++) {
            moments.add(views.get(b), rowsInBlock(b), stride());
        }
        return moments.meanVariance();
    }

    /** A new matrix holding the given rows of this one, in the given order. */
    public PointBlocks gather(long[] indices) {
        Builder builder = new Builder(dim, indices.length, blockRows);
        float[] row = new float[dim];
        for (long i : indices) {
            copyRow(i, row, 0);
            builder.add(row, 0);
        }
        return builder.build();
    }

    /** Frees the off-heap blocks now rather than at garbage collection. */
    @Override
    public void close() {
        for (INDArray b : blocks) {
            b.close();
        }
        blocks.clear();
        views.clear();
    }

    /** Builds a matrix of a known number of rows, one row at a time. */
    public static final class Builder {
        /** Rows staged on the heap before one bulk copy into the off-heap block. */
        private static final int STAGE_ROWS = 4096;

        private final int dim;
        private final long capacity;
        private final int blockRows;
        private final List<INDArray> blocks = new ArrayList<>();
        private final float[] stage;
        private FloatBuffer current;
        private int inBlock;
        private int staged;
        private long added;

        public Builder(int dim, long capacity) {
            this(dim, capacity, DEFAULT_BLOCK_ROWS);
        }

        Builder(int dim, long capacity, int blockRows) {
            if (dim < 1 || capacity < 0 || blockRows < 1) {
                throw new IllegalArgumentException("dim " + dim + ", capacity " + capacity + ", block rows " + blockRows);
            }
            this.dim = dim;
            this.capacity = capacity;
            this.blockRows = blockRows;
            this.stage = new float[(int) Math.min(STAGE_ROWS, Math.max(1, capacity)) * (dim + 1)];
        }

        /** Appends {@code values[offset .. offset+D)} as the next row. */
        public void add(float[] values, int offset) {
            if (added == capacity) {
                throw new IllegalStateException("capacity " + capacity + " exceeded");
            }
            if (current == null || inBlock + staged == blockRows) {
                flush();
                int n = (int) Math.min(blockRows, capacity - added);
                INDArray block = Nd4j.createUninitialized(DataType.FLOAT, n, dim + 1);
                blocks.add(block);
                current = block.data().asNioFloat();
                inBlock = 0;
            }
            int base = staged * (dim + 1);
            System.arraycopy(values, offset, stage, base, dim);
            stage[base + dim] = 1f;
            staged++;
            added++;
            if (staged * (dim + 1) == stage.length) {
                flush();
            }
        }

        private void flush() {
            if (staged > 0) {
                current.put(inBlock * (dim + 1), stage, 0, staged * (dim + 1));
                inBlock += staged;
                staged = 0;
            }
        }

        /** Rows added so far. */
        public long size() {
            return added;
        }

        /** The matrix of the rows added; exactly {@code capacity} rows must have been added. */
        public PointBlocks build() {
            if (added != capacity) {
                throw new IllegalStateException("added " + added + " rows, expected " + capacity);
            }
            flush();
            return new PointBlocks(dim, added, blockRows, blocks);
        }
    }
}
