package dev.latentlab.patches;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.latentlab.clustering.BruteForce;
import dev.latentlab.clustering.PointBlocks;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The sparse code matrix's products against the same products of its dense form. */
class SparseCodesTest {
    private static final int ROWS = 50;
    private static final int DIM = 7;
    private static final int K = 9;
    private static final int T = 3;

    /** Random codes with some unused slots (-1) and a repeated atom in one row. */
    static SparseCodes randomCodes(Random rng) {
        int[] indices = new int[ROWS * T];
        float[] weights = new float[ROWS * T];
        for (int i = 0; i < ROWS * T; i++) {
            boolean unused = rng.nextInt(4) == 0;
            indices[i] = unused ? -1 : rng.nextInt(K);
            weights[i] = unused ? 0 : (float) rng.nextGaussian();
        }
        indices[1] = indices[0] = 4;
        return new SparseCodes(ROWS, DIM, T, indices, weights, new float[ROWS], 0);
    }

    static float[] gaussian(Random rng, int n, double sd) {
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = (float) (sd * rng.nextGaussian());
        }
        return values;
    }

    static double[][] dense(SparseCodes codes) {
        double[][] g = new double[ROWS][];
        for (int i = 0; i < ROWS; i++) {
            float[] row = codes.dense(i, K);
            g[i] = new double[K];
            for (int a = 0; a < K; a++) {
                g[i][a] = row[a];
            }
        }
        return g;
    }

    @Test
    void gramAndTransposeTimesEqualTheDenseProducts() {
        Random rng = new Random(3);
        SparseCodes codes = randomCodes(rng);
        float[] x = gaussian(rng, ROWS * DIM, 60);
        double[][] g = dense(codes);
        double[] gram = codes.gram(K);
        double[] gtx;
        try (PointBlocks m = BruteForce.matrix(x, DIM, 16)) {
            gtx = codes.transposeTimes(m, K);
        }
        for (int a = 0; a < K; a++) {
            for (int b = 0; b < K; b++) {
                double want = 0;
                for (int i = 0; i < ROWS; i++) {
                    want += g[i][a] * g[i][b];
                }
                assertThat(gram[a * K + b]).as("gram %d,%d", a, b).isCloseTo(want, within(1e-5 * Math.max(1, Math.abs(want))));
            }
            for (int d = 0; d < DIM; d++) {
                double want = 0;
                for (int i = 0; i < ROWS; i++) {
                    want += g[i][a] * x[i * DIM + d];
                }
                assertThat(gtx[a * DIM + d]).as("gtx %d,%d", a, d).isCloseTo(want, within(1e-5 * Math.max(1, Math.abs(want))));
            }
        }
    }

    @Test
    void approximationsAreTheCodesTimesTheAtoms() {
        Random rng = new Random(5);
        SparseCodes codes = randomCodes(rng);
        float[] atoms = gaussian(rng, K * DIM, 1);
        double[][] g = dense(codes);
        float[] approx = codes.approximations(atoms);
        for (int i = 0; i < ROWS; i++) {
            for (int d = 0; d < DIM; d++) {
                double want = 0;
                for (int a = 0; a < K; a++) {
                    want += g[i][a] * atoms[a * DIM + d];
                }
                assertThat((double) approx[i * DIM + d]).isCloseTo(want, within(1e-4));
            }
        }
    }
}
