package dev.latentlab.clustering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.latentlab.data.ImageSet;
import dev.latentlab.data.MnistFiles;
import dev.latentlab.data.MnistFixtures;
import dev.latentlab.patches.PatchExtractor;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Both kernels against a double-precision brute force on real MNIST patches, for several K, tile sizes (dividing N
 * or not, larger than a block), block sizes and thread counts: the fused kernel gives exactly the brute force's
 * labels, the GEMM kernel may flip near-ties only. The fused kernel is also checked on every instruction set this
 * CPU has, with exact ties and float32 near-ties built on purpose.
 */
class NearestCentroidSearchTest {
    /** Non-blank 5x5 patches of the first 20 fixture training digits (about 6,700 rows). */
    static float[] data;
    static int n;
    static final Map<String, float[]> CENTROIDS = new HashMap<>();
    static final Map<String, BruteForce.Assignment> EXPECTED = new HashMap<>();

    @BeforeAll
    static void prepare() {
        ImageSet digits = MnistFiles.train(MnistFixtures.dir()).head(20);
        try (PointBlocks x = new PatchExtractor(5, 1).extract(digits, true)) {
            data = BruteForce.rows(x);
            n = (int) x.rows();
        }
        ImageSet others = MnistFiles.test(MnistFixtures.dir());
        try (PointBlocks y = new PatchExtractor(5, 1).extract(others, true)) {
            Random rng = new Random(7);
            for (int k : new int[] {1, 7, 300}) {
                // Integer centroids (real test patches): every distance is exact in float, ties included.
                float[] exact = new float[k * 25];
                // Fractional centroids (test patches plus noise): float rounding may only flip near-ties.
                float[] fractional = new float[k * 25];
                for (int c = 0; c < k; c++) {
                    y.copyRow((long) (rng.nextDouble() * y.rows()), exact, c * 25);
                    for (int d = 0; d < 25; d++) {
                        fractional[c * 25 + d] = exact[c * 25 + d] + (float) (rng.nextDouble() * 20 - 10);
                    }
                }
                CENTROIDS.put(k + "exact", exact);
                CENTROIDS.put(k + "fractional", fractional);
                EXPECTED.put(k + "exact", BruteForce.assign(data, exact, 25));
                EXPECTED.put(k + "fractional", BruteForce.assign(data, fractional, 25));
            }
        }
    }

    /** K, tile rows (0 = automatic; 333 divides neither N nor a block; 5000 is more than a block), block rows, threads. */
    static Stream<Arguments> cases() {
        return Stream.of(NearestCentroidSearch.Kernel.FUSED, NearestCentroidSearch.Kernel.GEMM)
                .flatMap(kernel -> shapes().map(a -> Arguments.of(a.get()[0], a.get()[1], a.get()[2], a.get()[3], kernel)));
    }

    static Stream<Arguments> shapes() {
        int all = PointBlocks.DEFAULT_BLOCK_ROWS;
        return Stream.of(
                Arguments.of(1, 0, all, 1),
                Arguments.of(1, 333, 1000, 2),
                Arguments.of(7, 0, all, 2),
                Arguments.of(7, 333, all, 1),
                Arguments.of(7, 1000, 1000, 1),
                Arguments.of(7, 5000, 1000, 2),
                Arguments.of(300, 0, all, 1),
                Arguments.of(300, 0, 1000, 2),
                Arguments.of(300, 333, 1000, 1),
                Arguments.of(300, 777, all, 2),
                Arguments.of(300, 5000, all, 2));
    }

    @ParameterizedTest(name = "K={0} tile={1} block={2} threads={3} {4}")
    @MethodSource("cases")
    void labelsAndErrorMatchBruteForce(int k, int tile, int block, int threads, NearestCentroidSearch.Kernel kernel) {
        try (PointBlocks x = BruteForce.matrix(data, 25, block);
             NearestCentroidSearch search = new NearestCentroidSearch(threads, tile, kernel)) {
            assertThat(x.blockCount()).isEqualTo(block == 1000 ? (n + 999) / 1000 : 1);

            float[] exact = CENTROIDS.get(k + "exact");
            BruteForce.Assignment expected = EXPECTED.get(k + "exact");
            int[] labels = new int[n];
            ClusterSums sums = Lloyd.assign(search, x, exact, labels);
            assertThat(labels).isEqualTo(expected.labels());
            assertThat(sums.counts).isEqualTo(expected.counts(k));
            assertThat(sums.squaredError).isCloseTo(expected.total(), within(1e-6 * expected.total()));

            float[] fractional = CENTROIDS.get(k + "fractional");
            BruteForce.Assignment reference = EXPECTED.get(k + "fractional");
            int[] got = new int[n];
            ClusterSums fsums = Lloyd.assign(search, x, fractional, got);
            int mismatches = 0;
            for (int i = 0; i < n; i++) {
                if (got[i] != reference.labels()[i]) {
                    mismatches++;
                    double chosen = BruteForce.distance(data, i, fractional, got[i], 25);
                    assertThat(chosen - reference.distances()[i]).as("row %d: not a near-tie", i)
                            .isLessThan(1e-6 * Math.max(1.0, reference.distances()[i]) + 0.5);
                }
            }
            assertThat(mismatches).as("near-tie label flips")
                    .isLessThanOrEqualTo(kernel == NearestCentroidSearch.Kernel.FUSED ? 0 : n / 1000);
            assertThat(fsums.squaredError).isCloseTo(reference.total(), within(1e-6 * reference.total()));
            long total = 0;
            for (long c : fsums.counts) {
                total += c;
            }
            assertThat(total).isEqualTo(n);
        }
    }

    @Test
    void theFusedKernelIsTheDefaultForSmallDimensions() {
        assertThat(NativeNearest.available()).as("native kernel built by mvn and loaded").isTrue();
        try (NearestCentroidSearch search = new NearestCentroidSearch(1, 0)) {
            assertThat(search.kernel(25)).isEqualTo(NearestCentroidSearch.Kernel.FUSED);
            assertThat(search.kernel(NativeNearest.MAX_DIM + 1)).isEqualTo(NearestCentroidSearch.Kernel.GEMM);
        }
    }

    /** Each instruction set this CPU has (avx512, avx2, scalar): the brute force's labels, ties to the lower index. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("isas")
    void theFusedKernelIsExactOnEveryInstructionSet(String isa) {
        assertThat(NativeNearest.useIsa(isa)).isTrue();
        try (PointBlocks x = BruteForce.matrix(data, 25, 1000);
             NearestCentroidSearch search = new NearestCentroidSearch(2, 333, NearestCentroidSearch.Kernel.FUSED)) {
            assertThat(NativeNearest.isa()).isEqualTo(isa);
            for (String set : new String[] {"7exact", "300exact", "300fractional"}) {
                int[] labels = new int[n];
                Lloyd.assign(search, x, CENTROIDS.get(set), labels);
                assertThat(labels).as(set).isEqualTo(EXPECTED.get(set).labels());
            }
            // Every centroid twice: each row ties exactly between c and c + K; the brute force keeps c.
            float[] once = CENTROIDS.get("300fractional");
            float[] twice = java.util.Arrays.copyOf(once, 2 * once.length);
            System.arraycopy(once, 0, twice, once.length, once.length);
            int[] labels = new int[n];
            Lloyd.assign(search, x, twice, labels);
            assertThat(labels).isEqualTo(EXPECTED.get("300fractional").labels());
            assertThat(search.refinedRows()).as("exact ties go to the float64 check").isEqualTo(n);
        } finally {
            NativeNearest.useIsa("auto");
        }
    }

    /**
     * Dimensions 1 to 64 (RGB pixels, patches, the kernel's limit), K around the padding of 48 and row counts that
     * leave every register block's group of points part-filled: the brute force's labels on each instruction set.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("isas")
    void everyShapeMatchesTheBruteForceOnEveryInstructionSet(String isa) {
        assertThat(NativeNearest.useIsa(isa)).isTrue();
        Random rng = new Random(11);
        try {
            for (int dim : new int[] {1, 3, 17, 25, 64}) {
                for (int k : new int[] {1, 5, 47, 48, 49, 101}) {
                    int rows = 1 + rng.nextInt(70);
                    float[] points = pixels(rng, rows * dim);
                    float[] centroids = quarterPixels(rng, k * dim);
                    assertThat(fused(points, centroids, dim, 37).labels()).as("dim %d, K %d, %d rows", dim, k, rows)
                            .isEqualTo(BruteForce.assign(points, centroids, dim).labels());
                }
            }
        } finally {
            NativeNearest.useIsa("auto");
        }
    }

    /**
     * More centroids than one of the kernel's cache chunks holds (256 KiB: 1,008 centroids of dimension 64) and more
     * rows than one panel (256): the running minimum carried from chunk to chunk, exact ties between a centroid and
     * its copy in a later chunk kept on the lower index, on each instruction set.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("isas")
    void centroidsInSeveralCacheChunksMatchTheBruteForce(String isa) {
        assertThat(NativeNearest.useIsa(isa)).isTrue();
        Random rng = new Random(5);
        int dim = 64;
        int rows = 601;
        int half = 1050;
        float[] points = pixels(rng, rows * dim);
        float[] centroids = java.util.Arrays.copyOf(quarterPixels(rng, half * dim), 2 * half * dim);
        System.arraycopy(centroids, 0, centroids, half * dim, half * dim);
        for (int j = 0; j < 40; j++) {
            // a few centroids of the second half moved nearer: the minimum sits in a later chunk
            int c = half + rng.nextInt(half);
            int row = rng.nextInt(rows);
            for (int d = 0; d < dim; d++) {
                centroids[c * dim + d] = points[row * dim + d] + 0.5f;
            }
        }
        try {
            int[] expected = BruteForce.assign(points, centroids, dim).labels();
            assertThat(fused(points, centroids, dim, 300).labels()).isEqualTo(expected);
            assertThat(java.util.Arrays.stream(expected).filter(l -> l >= half).count())
                    .as("rows whose nearest centroid is in a later chunk").isPositive();
        } finally {
            NativeNearest.useIsa("auto");
        }
    }

    /** Points far from the origin with centroids 1/8 apart around them: float32 distances cannot tell them apart. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("isas")
    void nearTiesBelowFloatResolutionAreSettledInDouble(String isa) {
        assertThat(NativeNearest.useIsa(isa)).isTrue();
        Random rng = new Random(3);
        int dim = 25;
        int rows = 2000;
        int k = 64;
        float[] points = new float[rows * dim];
        for (int i = 0; i < points.length; i++) {
            points[i] = 3000 + rng.nextInt(16) / 8f;
        }
        float[] centroids = new float[k * dim];
        for (int i = 0; i < centroids.length; i++) {
            centroids[i] = 3000 + rng.nextInt(16) / 8f + (rng.nextBoolean() ? 1 / 16f : 0);
        }
        BruteForce.Assignment expected = BruteForce.assign(points, centroids, dim);
        try {
            Fused fused = fused(points, centroids, dim, 700);
            assertThat(fused.labels()).isEqualTo(expected.labels());
            assertThat(fused.refinedRows()).as("rows checked in float64").isPositive();
        } finally {
            NativeNearest.useIsa("auto");
        }
    }

    /** The fused kernel's labels of {@code points} (in row blocks of {@code blockRows}), on 2 threads. */
    private static Fused fused(float[] points, float[] centroids, int dim, int blockRows) {
        try (PointBlocks x = BruteForce.matrix(points, dim, blockRows);
             NearestCentroidSearch search = new NearestCentroidSearch(2, 0, NearestCentroidSearch.Kernel.FUSED)) {
            int[] labels = new int[points.length / dim];
            Lloyd.assign(search, x, centroids, labels);
            return new Fused(labels, search.refinedRows());
        }
    }

    /** Labels and how many rows went to the float64 check. */
    private record Fused(int[] labels, long refinedRows) {
    }

    /** {@code n} whole pixel values 0..255. */
    private static float[] pixels(Random rng, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = rng.nextInt(256);
        }
        return v;
    }

    /** {@code n} pixel values 0..255.75 in quarters, as centroids (means) have. */
    private static float[] quarterPixels(Random rng, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = rng.nextInt(256) + rng.nextInt(4) / 4f;
        }
        return v;
    }

    static Stream<String> isas() {
        java.util.List<String> supported = Stream.of("avx512", "avx2", "scalar").filter(NativeNearest::useIsa).toList();
        NativeNearest.useIsa("auto");
        return supported.stream();
    }

    @Test
    void theSearchDoesNotNeedTheMissingRowNorm() {
        // Points far from the origin and centroids near them: ||x||^2 dominates but must not change the argmin.
        float[] points = {1000, 1000, 1001, 1001, 1002, 1000, -5, -5};
        float[] centroids = {1001.9f, 1000.1f, 1000.2f, 1000.1f, 1001f, 1001.2f, -4, -4};
        BruteForce.Assignment expected = BruteForce.assign(points, centroids, 2);
        try (PointBlocks x = BruteForce.matrix(points, 2, 3);
             NearestCentroidSearch search = new NearestCentroidSearch(2, 1)) {
            int[] labels = new int[4];
            ClusterSums sums = Lloyd.assign(search, x, centroids, labels);
            assertThat(labels).containsExactly(1, 2, 0, 3).isEqualTo(expected.labels());
            assertThat(sums.squaredError).isCloseTo(expected.total(), within(1e-3));
        }
    }

    @Test
    void visitorSeesEveryRowOnceWithItsGlobalIndex() {
        try (PointBlocks x = BruteForce.matrix(data, 25, 777);
             NearestCentroidSearch search = new NearestCentroidSearch(2, 250)) {
            int[] seen = new int[n];
            search.run(x, CENTROIDS.get("7exact"), 7, () -> null, (state, rows, firstInBlock, firstRow, count, nearest) -> {
                for (int r = 0; r < count; r++) {
                    synchronized (seen) {
                        seen[(int) (firstRow + r)]++;
                    }
                    // The row handed over is the matrix row firstRow + r.
                    assertThat(rows.get((firstInBlock + r) * 26)).isEqualTo(data[(int) (firstRow + r) * 25]);
                    assertThat(rows.get((firstInBlock + r) * 26 + 25)).isEqualTo(1f);
                }
            });
            assertThat(seen).containsOnly(1);
        }
    }

    @Test
    void autoTileRowsAimsAtFourMebibytesOfDistances() {
        assertThat(NearestCentroidSearch.autoTileRows(1)).isEqualTo(8192);
        assertThat(NearestCentroidSearch.autoTileRows(256)).isEqualTo(4096);
        assertThat(NearestCentroidSearch.autoTileRows(1000)).isEqualTo(1024);
        assertThat(NearestCentroidSearch.autoTileRows(1_000_000)).isEqualTo(256);
        try (NearestCentroidSearch search = new NearestCentroidSearch(1, 123)) {
            assertThat(search.tileRows(1000, 25)).isEqualTo(123);
        }
        try (NearestCentroidSearch search = new NearestCentroidSearch(1, 0, NearestCentroidSearch.Kernel.GEMM)) {
            assertThat(search.tileRows(1000, 25)).isEqualTo(1024);
        }
    }

    @Test
    void rejectsBadArguments() {
        assertThatThrownBy(() -> new NearestCentroidSearch(0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new NearestCentroidSearch(1, -1)).isInstanceOf(IllegalArgumentException.class);
        try (PointBlocks x = BruteForce.matrix(new float[] {1, 2, 3, 4}, 2, 10);
             NearestCentroidSearch search = new NearestCentroidSearch(1, 0)) {
            assertThatThrownBy(() -> search.run(x, new float[3], 2, () -> null, (s, r, f, g, c, nn) -> { }))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
