package dev.latentlab.patches;

import dev.latentlab.clustering.NearestCentroidSearch;
import dev.latentlab.clustering.PointBlocks;
import dev.latentlab.clustering.TileRunner;
import java.nio.FloatBuffer;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Sparse codes by Batch-OMP (orthogonal matching pursuit with a precomputed Gram matrix; Rubinstein, Zibulevsky
 * and Elad, 2008): every row x of a {@link PointBlocks} becomes at most T weights over K atoms.
 *
 * <p>Per tile of rows, one ND4J sgemm {@code [rows, D+1] x [D+1, K]} of the augmented rows with the atoms (their
 * augmented column set to 0) gives the correlations {@code a0 = X D^T}; the Gram matrix {@code G = D D^T} is one
 * GEMM per call. Each row then runs OMP in the correlation domain without touching its pixels again: pick the atom
 * with the largest |a|, grow the Cholesky factor of {@code G[I,I]} by one row, solve {@code G[I,I] g = a0[I]} and
 * set {@code a = a0 - G[:,I] g} (K * t work, t <= T). The squared residual is {@code ||x||^2 - g . a0[I]}. A row
 * stops early when its residual is numerically zero, no atom correlates with it, or the next atom is numerically a
 * combination of those already chosen; a blank row gets the empty code. Rows are shared out to worker threads
 * by tiles ({@link TileRunner}); memory is bounded by threads x tile x K floats.
 */
public final class SparseCoder implements AutoCloseable {
    /** Relative residual (to ||x||^2) treated as zero: float32 correlations are good to about 1e-7. */
    static final double RESIDUAL_TOL = 1e-6;
    /** A new atom whose part outside the span of the chosen ones is below this (relative) is not taken. */
    static final double INDEPENDENCE_TOL = 1e-6;

    private final TileRunner runner;

    /** @param threads worker threads (>= 1) */
    public SparseCoder(int threads) {
        this.runner = new TileRunner(threads, "sparse-coder");
    }

    /**
     * Codes every row of {@code x} with at most {@code nonZeros} of the {@code k} atoms ({@code atoms} row-major
     * K x D, any norm, linearly independent in small groups).
     */
    public SparseCodes encode(PointBlocks x, float[] atoms, int k, int nonZeros) {
        int dim = x.dim();
        if (atoms.length != k * dim || nonZeros < 1) {
            throw new IllegalArgumentException("atoms length " + atoms.length + " for k " + k + ", dim " + dim
                    + ", non-zeros " + nonZeros);
        }
        int t = Math.min(nonZeros, k);
        SparseCodes codes = SparseCodes.empty(Math.toIntExact(x.rows()), dim, t);
        int tile = NearestCentroidSearch.autoTileRows(k);
        double[] gram = gram(atoms, k, dim);
        try (INDArray augmented = augmented(atoms, k, dim)) {
            List<Double> errors = runner.run(x, tile, () -> new OmpWorker(x, augmented, gram, k, t, tile, codes));
            double total = 0;
            for (double e : errors) {
                total += e;
            }
            return new SparseCodes(codes.rows(), dim, t, codes.indices(), codes.weights(), codes.rowErrors(), total);
        }
    }

    /** {@code D D^T} (K x K, row-major) by one ND4J GEMM, in double. */
    static double[] gram(float[] atoms, int k, int dim) {
        try (INDArray f = Nd4j.create(atoms, new long[] {k, dim}, DataType.FLOAT);
             INDArray d = f.castTo(DataType.DOUBLE);
             INDArray g = d.mmul(d.transpose())) {
            return g.dup('c').data().asDouble();
        }
    }

    /** The atoms with a zero augmented column: the tile GEMM then gives plain dot products. */
    private static INDArray augmented(float[] atoms, int k, int dim) {
        float[] aug = new float[k * (dim + 1)];
        for (int a = 0; a < k; a++) {
            System.arraycopy(atoms, a * dim, aug, a * (dim + 1), dim);
        }
        return Nd4j.create(aug, new long[] {k, dim + 1}, DataType.FLOAT);
    }

    /** One thread's correlation buffer and OMP scratch space; writes codes of its tiles' rows, sums their errors. */
    private static final class OmpWorker implements TileRunner.Worker<Double> {
        private final PointBlocks x;
        private final INDArray augmented;
        private final double[] gram;
        private final int k;
        private final int t;
        private final int tile;
        private final SparseCodes out;
        private final INDArray correlations;
        private final FloatBuffer correlationView;
        private final double[] a0;
        private final double[] a;
        private final boolean[] chosen;
        private final int[] support;
        private final double[] lower;
        private final double[] g;
        private final double[] w;
        private double error;

        OmpWorker(PointBlocks x, INDArray augmented, double[] gram, int k, int t, int tile, SparseCodes out) {
            this.x = x;
            this.augmented = augmented;
            this.gram = gram;
            this.k = k;
            this.t = t;
            this.tile = tile;
            this.out = out;
            this.correlations = Nd4j.createUninitialized(DataType.FLOAT, tile, k);
            this.correlationView = correlations.data().asNioFloat();
            this.a0 = new double[k];
            this.a = new double[k];
            this.chosen = new boolean[k];
            this.support = new int[t];
            this.lower = new double[t * t];
            this.g = new double[t];
            this.w = new double[t];
        }

        @Override
        public void process(TileRunner.Tile tileSpec) {
            int count = tileSpec.count();
            INDArray c = count == tile ? correlations
                    : correlations.get(NDArrayIndex.interval(0, count), NDArrayIndex.all());
            Nd4j.gemm(tileSpec.rows(x), augmented, c, false, true, 1.0, 0.0);
            FloatBuffer rows = x.view(tileSpec.block());
            int stride = x.stride();
            for (int r = 0; r < count; r++) {
                double norm = 0;
                int base = (tileSpec.start() + r) * stride;
                for (int d = 0; d < x.dim(); d++) {
                    double v = rows.get(base + d);
                    norm += v * v;
                }
                for (int j = 0; j < k; j++) {
                    a0[j] = correlationView.get(r * k + j);
                }
                int row = (int) (tileSpec.firstRow() + r);
                double residual = omp(norm, row);
                out.rowErrors()[row] = (float) residual;
                error += residual;
            }
        }

        /** OMP of one row from its correlations {@code a0} and squared norm; writes its code, returns its error. */
        private double omp(double norm, int row) {
            double residual = norm;
            if (norm == 0) {
                return 0;
            }
            System.arraycopy(a0, 0, a, 0, k);
            int m = 0;
            while (m < t) {
                int best = -1;
                double bestAbs = 0;
                for (int j = 0; j < k; j++) {
                    double v = Math.abs(a[j]);
                    if (v > bestAbs && !chosen[j]) {
                        bestAbs = v;
                        best = j;
                    }
                }
                if (best < 0 || bestAbs * bestAbs <= RESIDUAL_TOL * norm || !growCholesky(m, best)) {
                    break;
                }
                support[m++] = best;
                chosen[best] = true;
                solve(m);
                System.arraycopy(a0, 0, a, 0, k);
                double explained = 0;
                for (int i = 0; i < m; i++) {
                    double gi = g[i];
                    int off = support[i] * k;
                    for (int j = 0; j < k; j++) {
                        a[j] -= gi * gram[off + j];
                    }
                    explained += gi * a0[support[i]];
                }
                residual = Math.max(0, norm - explained);
                if (residual <= RESIDUAL_TOL * norm) {
                    break;
                }
            }
            for (int i = 0; i < m; i++) {
                out.indices()[row * t + i] = support[i];
                out.weights()[row * t + i] = (float) g[i];
                chosen[support[i]] = false;
            }
            return residual;
        }

        /** Adds atom {@code atom} as row m of the Cholesky factor of G[I,I]; false if it is (nearly) dependent. */
        private boolean growCholesky(int m, int atom) {
            double diag = gram[atom * k + atom];
            double s = diag;
            for (int i = 0; i < m; i++) {
                double v = gram[support[i] * k + atom];
                for (int p = 0; p < i; p++) {
                    v -= lower[i * t + p] * w[p];
                }
                w[i] = v / lower[i * t + i];
                s -= w[i] * w[i];
            }
            if (!(s > INDEPENDENCE_TOL * diag)) {
                return false;
            }
            for (int i = 0; i < m; i++) {
                lower[m * t + i] = w[i];
            }
            lower[m * t + m] = Math.sqrt(s);
            return true;
        }

        /** g = G[I,I]^-1 a0[I] for the first m support atoms, by forward and back substitution. */
        private void solve(int m) {
            for (int i = 0; i < m; i++) {
                double v = a0[support[i]];
                for (int p = 0; p < i; p++) {
                    v -= lower[i * t + p] * w[p];
                }
                w[i] = v / lower[i * t + i];
            }
            for (int i = m - 1; i >= 0; i--) {
                double v = w[i];
                for (int p = i + 1; p < m; p++) {
                    v -= lower[p * t + i] * g[p];
                }
                g[i] = v / lower[i * t + i];
            }
        }

        @Override
        public Double result() {
            return error;
        }

        @Override
        public void close() {
            correlations.close();
        }
    }

    @Override
    public void close() {
        runner.close();
    }
}
