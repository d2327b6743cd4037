package dev.latentlab.patches;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.latentlab.clustering.BruteForce;
import dev.latentlab.clustering.IterationListener;
import dev.latentlab.clustering.IterationStats;
import dev.latentlab.clustering.KMeansOptions;
import dev.latentlab.clustering.KMeansResult;
import dev.latentlab.clustering.Lloyd;
import dev.latentlab.clustering.PointBlocks;
import dev.latentlab.data.MnistFiles;
import dev.latentlab.data.MnistFixtures;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** MOD dictionary learning on real MNIST patches, against k-means at the same K. */
class DictionaryLearningTest {
    /** Non-blank 5x5 patches of 40 fixture training digits and of 20 test digits. */
    static float[] train;
    static float[] test;

    @BeforeAll
    static void readPatches() {
        PatchExtractor p = new PatchExtractor(5, 1);
        try (PointBlocks x = p.extract(MnistFiles.train(MnistFixtures.dir()).head(40), true);
             PointBlocks y = p.extract(MnistFiles.test(MnistFixtures.dir()).head(20), true)) {
            train = BruteForce.rows(x);
            test = BruteForce.rows(y);
        }
    }

    static SparseCodingOptions options(int k, int nonZeros, int maxIter) {
        return new SparseCodingOptions(k, nonZeros, maxIter, 1e-3, 5000, 7, 2);
    }

    @Test
    void withEnoughNonZerosSparseCodingBeatsKMeansAtEqualKOnHeldOutPatches() {
        int k = 16;
        SparseCodingResult sparse;
        KMeansResult kmeans;
        double sparseTest;
        double kmeansTest;
        try (PointBlocks x = BruteForce.matrix(train, 25, 4096); PointBlocks y = BruteForce.matrix(test, 25, 4096);
             SparseCoder coder = new SparseCoder(2)) {
            sparse = DictionaryLearning.fit(x, options(k, 3, 10), IterationListener.NONE);
            kmeans = Lloyd.fit(x, KMeansOptions.defaults(k).withSeed(7).withMaxIter(50), IterationListener.NONE);
            sparseTest = coder.encode(y, sparse.atoms(), k, 3).mse();
            kmeansTest = BruteForce.assign(test, kmeans.centroids(), 25).total() / (test.length);
        }

        assertThat(sparse.mse()).isLessThan(0.7 * kmeans.mse());
        assertThat(sparseTest).isLessThan(0.7 * kmeansTest);
    }

    @Test
    void atomsAreUnitNormTheErrorFallsAndTheResultDescribesTheReturnedAtoms() {
        int k = 24;
        List<IterationStats> seen = new ArrayList<>();
        SparseCodingResult result;
        SparseCodes again;
        try (PointBlocks x = BruteForce.matrix(train, 25, 3000); SparseCoder coder = new SparseCoder(1)) {
            result = DictionaryLearning.fit(x, new SparseCodingOptions(k, 2, 8, 0, 5000, 3, 2), seen::add);
            again = coder.encode(x, result.atoms(), k, 2);
        }

        assertThat(seen).isEqualTo(result.history()).hasSize(8);
        assertThat(result.converged()).isFalse();
        assertThat(seen.get(seen.size() - 1).inertia()).isLessThan(seen.get(0).inertia());
        for (int a = 0; a < k; a++) {
            double norm = 0;
            for (int d = 0; d < 25; d++) {
                norm += (double) result.atoms()[a * 25 + d] * result.atoms()[a * 25 + d];
            }
            assertThat(norm).as("atom %d", a).isCloseTo(1.0, within(1e-5));
        }
        assertThat(result.squaredError()).isCloseTo(again.squaredError(), within(1e-9 * again.squaredError()));
        assertThat(result.usage()).isEqualTo(again.usage(k));
        assertThat(result.mse()).isCloseTo(again.mse(), within(1e-9 * again.mse()));
        assertThat(result.rows()).isEqualTo(train.length / 25);
    }

    @Test
    void theSameSeedGivesTheSameDictionary() {
        float[] first;
        float[] second;
        try (PointBlocks x = BruteForce.matrix(train, 25, 4096)) {
            first = DictionaryLearning.fit(x, options(8, 2, 3), IterationListener.NONE).atoms();
            second = DictionaryLearning.fit(x, options(8, 2, 3), IterationListener.NONE).atoms();
        }
        assertThat(second).isEqualTo(first);
    }

    @Test
    void unusedAtomsAreReseededWithTheWorstRepresentedRows() {
        float[] atoms = SparseCoderTest.bars();
        // Three rows: a row-0 stroke, a row-1 stroke, and a diagonal no single bar represents well.
        float[] rows = new float[3 * 25];
        for (int j = 0; j < 5; j++) {
            rows[j] = 100;
            rows[25 + 5 + j] = 50;
            rows[50 + j * 5 + j] = 80;
        }
        try (PointBlocks x = BruteForce.matrix(rows, 25, 10); SparseCoder coder = new SparseCoder(1)) {
            SparseCodes codes = coder.encode(x, atoms, 10, 1);
            int replaced = DictionaryLearning.reseedUnused(atoms, codes, x);

            // The strokes use atoms 0 and 1 and the diagonal one of the bars (all tie); eight atoms are unused, but
            // only the diagonal row has an error left, so one unused atom is re-seeded with it.
            assertThat(replaced).isEqualTo(1);
            assertThat(DictionaryLearning.worstRows(codes.rowErrors(), 7)).containsExactly(2);
        }
        int reseeded = -1;
        for (int a = 0; a < 10; a++) {
            if (atoms[a * 25] > 0.44f && atoms[a * 25 + 6] > 0.44f) {
                reseeded = a;
            }
        }
        assertThat(reseeded).isGreaterThanOrEqualTo(0);
        assertThat(atoms[reseeded * 25 + 24]).isCloseTo((float) (1 / Math.sqrt(5)), within(1e-6f));
    }

    @Test
    void optionsAreValidated() {
        assertThatThrownBy(() -> new SparseCodingOptions(0, 1, 1, 0, 1, 0, 1)).hasMessageContaining("k must be");
        assertThatThrownBy(() -> new SparseCodingOptions(4, 0, 1, 0, 1, 0, 1)).hasMessageContaining("nonZeros");
        assertThatThrownBy(() -> new SparseCodingOptions(4, 1, 0, 0, 1, 0, 1)).hasMessageContaining("maxIter");
        assertThatThrownBy(() -> new SparseCodingOptions(4, 1, 1, Double.NaN, 1, 0, 1)).hasMessageContaining("tol");
        assertThatThrownBy(() -> new SparseCodingOptions(4, 1, 1, 0, 1, 0, 0)).hasMessageContaining("threads");
    }
}
