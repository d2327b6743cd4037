package dev.latentlab.patches;

import java.util.Arrays;

/**
 * Sparse codes of N rows: row i is approximated by {@code sum_s weights[i*T+s] * atom[indices[i*T+s]]} over its
 * T = {@code nonZeros} slots; an index of -1 marks an unused slot (OMP stopped early, or a blank row).
 *
 * @param rows         N
 * @param dim          the rows' dimension D
 * @param nonZeros     slots per row, T
 * @param indices      N x T atom indices, -1 = unused
 * @param weights      N x T weights (0 in unused slots)
 * @param rowErrors    each row's squared residual
 * @param squaredError the sum of the row errors
 */
public record SparseCodes(int rows, int dim, int nonZeros, int[] indices, float[] weights, float[] rowErrors,
                          double squaredError) {

    /** Mean squared error per coordinate. */
    public double mse() {
        return rows == 0 ? 0 : squaredError / ((double) rows * dim);
    }

    /** How many rows use each of the {@code k} atoms. */
    public long[] usage(int k) {
        long[] usage = new long[k];
        for (int a : indices) {
            if (a >= 0) {
                usage[a]++;
            }
        }
        return usage;
    }

    /** Row {@code i}'s code as a dense vector of {@code k} weights. */
    public float[] dense(int i, int k) {
        float[] code = new float[k];
        for (int s = 0; s < nonZeros; s++) {
            int a = indices[i * nonZeros + s];
            if (a >= 0) {
                code[a] += weights[i * nonZeros + s];
            }
        }
        return code;
    }

    /** The approximations of every row (N x D, row-major) with the atoms ({@code atoms} K x D, row-major). */
    public float[] approximations(float[] atoms) {
        float[] out = new float[rows * dim];
        for (int i = 0; i < rows; i++) {
            for (int s = 0; s < nonZeros; s++) {
                int a = indices[i * nonZeros + s];
                if (a < 0) {
                    continue;
                }
                float w = weights[i * nonZeros + s];
                for (int d = 0; d < dim; d++) {
                    out[i * dim + d] += w * atoms[a * dim + d];
                }
            }
        }
        return out;
    }

    /** Codes with no slots filled, for {@code rows} rows. */
    static SparseCodes empty(int rows, int dim, int nonZeros) {
        int[] indices = new int[rows * nonZeros];
        Arrays.fill(indices, -1);
        return new SparseCodes(rows, dim, nonZeros, indices, new float[rows * nonZeros], new float[rows], 0);
    }
}
