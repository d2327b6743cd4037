package dev.latentlab.patches;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.latentlab.clustering.BruteForce;
import dev.latentlab.clustering.PointBlocks;
import dev.latentlab.data.MnistFiles;
import dev.latentlab.data.MnistFixtures;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Batch-OMP: exact recovery on a hand-made dictionary, and least-squares codes on real patches. */
public class SparseCoderTest {
    /** Non-blank 5x5 patches of the first 10 fixture test digits (about 3,300 rows). */
    static float[] patches;

    @BeforeAll
    static void readPatches() {
        try (PointBlocks x = new PatchExtractor(5, 1).extract(MnistFiles.test(MnistFixtures.dir()).head(10), true)) {
            patches = BruteForce.rows(x);
        }
    }

    /** Ten unit-norm strokes of a 5x5 patch: atoms 0..4 the rows, 5..9 the columns (coherence 1/5). */
    public static float[] bars() {
        float[] atoms = new float[10 * 25];
        float v = (float) (1 / Math.sqrt(5));
        for (int i = 0; i < 5; i++) {
            for (int j = 0; j < 5; j++) {
                atoms[i * 25 + i * 5 + j] = v;
                atoms[(5 + i) * 25 + j * 5 + i] = v;
            }
        }
        return atoms;
    }

    @Test
    void aCrossOfTwoStrokesIsRecoveredExactlyWithTwoAtoms() {
        float[] atoms = bars();
        float[] cross = new float[25];
        float[] blank = new float[25];
        for (int d = 0; d < 25; d++) {
            cross[d] = 200 * atoms[2 * 25 + d] + 100 * atoms[8 * 25 + d];
        }
        SparseCodes codes;
        try (PointBlocks x = BruteForce.matrix(concat(cross, blank), 25, 10); SparseCoder coder = new SparseCoder(1)) {
            codes = coder.encode(x, atoms, 10, 3);
        }

        assertThat(codes.nonZeros()).isEqualTo(3);
        // Row 2 (largest) first, then column 3; the residual is then zero and OMP stops before a third atom.
        assertThat(codes.indices()).startsWith(2, 8, -1);
        assertThat(codes.weights()[0]).isCloseTo(200f, within(1e-3f));
        assertThat(codes.weights()[1]).isCloseTo(100f, within(1e-3f));
        assertThat(codes.rowErrors()[0]).isCloseTo(0f, within(1e-2f));
        float[] approx = codes.approximations(atoms);
        for (int d = 0; d < 25; d++) {
            assertThat(approx[d]).isCloseTo(cross[d], within(1e-3f));
        }
        // The blank patch gets the empty code and no error.
        assertThat(codes.indices()).endsWith(-1, -1, -1);
        assertThat(codes.rowErrors()[1]).isZero();
        assertThat(codes.dense(0, 10)).containsExactly(0, 0, 200, 0, 0, 0, 0, 0, 100, 0);
    }

    @Test
    void codesAreLeastSquaresOnTheirSupportAndErrorsMatchTheResiduals() {
        int k = 40;
        float[] atoms = randomAtoms(k, 3);
        SparseCodes codes;
        try (PointBlocks x = BruteForce.matrix(patches, 25, 1000); SparseCoder coder = new SparseCoder(2)) {
            codes = coder.encode(x, atoms, k, 4);
        }

        float[] approx = codes.approximations(atoms);
        double total = 0;
        for (int i = 0; i < codes.rows(); i++) {
            double[] residual = new double[25];
            double norm = 0;
            double error = 0;
            for (int d = 0; d < 25; d++) {
                residual[d] = patches[i * 25 + d] - approx[i * 25 + d];
                norm += (double) patches[i * 25 + d] * patches[i * 25 + d];
                error += residual[d] * residual[d];
            }
            assertThat((double) codes.rowErrors()[i]).as("row %d", i).isCloseTo(error, within(1e-4 * norm + 1e-3));
            for (int s = 0; s < 4; s++) {
                int a = codes.indices()[i * 4 + s];
                if (a >= 0) {
                    double dot = 0;
                    for (int d = 0; d < 25; d++) {
                        dot += residual[d] * atoms[a * 25 + d];
                    }
                    // Orthogonal projection: the residual is orthogonal to every chosen atom.
                    assertThat(dot).as("row %d atom %d", i, a).isCloseTo(0, within(1e-3 * Math.sqrt(norm) + 1e-3));
                }
            }
            total += codes.rowErrors()[i];
        }
        assertThat(codes.squaredError()).isCloseTo(total, within(1e-6 * total));
        assertThat(codes.mse()).isCloseTo(total / (codes.rows() * 25.0), within(1e-6 * total));
    }

    @Test
    void moreNonZerosNeverRepresentWorseAndThreadsAndTilesDoNotChangeTheCodes() {
        int k = 30;
        float[] atoms = randomAtoms(k, 5);
        double previous = Double.POSITIVE_INFINITY;
        SparseCodes oneThread = null;
        SparseCodes twoThreads = null;
        try (PointBlocks x = BruteForce.matrix(patches, 25, 700);
             SparseCoder one = new SparseCoder(1); SparseCoder two = new SparseCoder(2)) {
            for (int t = 1; t <= 5; t++) {
                double error = one.encode(x, atoms, k, t).squaredError();
                assertThat(error).as("T=%d", t).isLessThanOrEqualTo(previous);
                previous = error;
            }
            oneThread = one.encode(x, atoms, k, 3);
            twoThreads = two.encode(x, atoms, k, 3);
        }
        assertThat(twoThreads.indices()).isEqualTo(oneThread.indices());
        assertThat(twoThreads.weights()).isEqualTo(oneThread.weights());
    }

    static float[] randomAtoms(int k, long seed) {
        Random rng = new Random(seed);
        float[] atoms = new float[k * 25];
        for (int i = 0; i < atoms.length; i++) {
            atoms[i] = (float) rng.nextGaussian();
        }
        DictionaryLearning.normalize(atoms, 25);
        return atoms;
    }

    private static float[] concat(float[] a, float[] b) {
        float[] out = new float[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
