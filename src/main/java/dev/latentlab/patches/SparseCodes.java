package dev.latentlab.patches;

import dev.latentlab.clustering.PointBlocks;
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
        for (int slot = 0; slot < indices.length; slot++) {
            if (indices[slot] >= 0) {
                addScaled(weights[slot], atoms, indices[slot] * dim, out, slot / nonZeros * dim);
            }
        }
        return out;
    }

    /** {@code G^T G} of the N x K code matrix G: K x K, row-major, summed in float64. */
    public double[] gram(int k) {
        double[] gtg = new double[k * k];
        for (int i = 0; i < rows; i++) {
            int first = i * nonZeros;
            for (int s = first; s < first + nonZeros; s++) {
                for (int s2 = first; indices[s] >= 0 && s2 < first + nonZeros; s2++) {
                    if (indices[s2] >= 0) {
                        gtg[indices[s] * k + indices[s2]] += (double) weights[s] * weights[s2];
                    }
                }
            }
        }
        return gtg;
    }

    /** {@code G^T X} of the N x K code matrix G and the rows of {@code x}: K x D, row-major, summed in float64. */
    public double[] transposeTimes(PointBlocks x, int k) {
        double[] gtx = new double[k * dim];
        float[] row = new float[dim];
        for (int i = 0; i < rows; i++) {
            x.copyRow(i, row, 0);
            for (int slot = i * nonZeros; slot < (i + 1) * nonZeros; slot++) {
                int a = indices[slot];
                for (int d = 0; a >= 0 && d < dim; d++) {
                    gtx[a * dim + d] += (double) weights[slot] * row[d];
                }
            }
        }
        return gtx;
    }

    private void addScaled(float w, float[] src, int srcOffset, float[] dst, int dstOffset) {
        for (int d = 0; d < dim; d++) {
            dst[dstOffset + d] += w * src[srcOffset + d];
        }
    }

    /** Codes with no slots filled, for {@code rows} rows. */
    static SparseCodes empty(int rows, int dim, int nonZeros) {
        int[] indices = new int[rows * nonZeros];
        Arrays.fill(indices, -1);
        return new SparseCodes(rows, dim, nonZeros, indices, new float[rows * nonZeros], new float[rows], 0);
    }
}
