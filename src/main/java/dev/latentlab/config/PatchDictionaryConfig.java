package dev.latentlab.config;

import dev.latentlab.clustering.KMeansOptions;
import dev.latentlab.data.ImageSource;
import dev.latentlab.data.PictureLoader;
import dev.latentlab.patches.DictionaryMethod;
import dev.latentlab.patches.Tiling;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The config of task {@code kmeans_patches}: dictionaries of MNIST image patches (k-means, mini-batch k-means,
 * sparse coding), fitted for each K. See the package docs for how defaults and validation work.
 *
 * @param task    always {@value #TASK}
 * @param name    the run name ({@code runs/<stamp>-<name>/}, {@code models/<name>/}): letters, digits, '_',
 *                '.', '-'; defaults to the config file's base name
 * @param seed    the seed of every random choice in the run
 * @param methods the methods compared side by side: {@code lloyd}, {@code minibatch} (k-means, see
 *                {@code kmeans}), {@code sparse} (sparse coding, see {@code sparse}); null = {@code kmeans.algorithm}
 *                alone, with the single-method file names of the first version ({@code models/<name>/k<K>/})
 * @param data    which MNIST digits to use
 * @param patches how patches are cut from the digits, and how digits are tiled to be rebuilt
 * @param kmeans  the k-means fits
 * @param sparse  the sparse-coding fits
 * @param spark   where Spark runs when {@code kmeans.engine} is {@code spark}
 * @param report  figures of the run report
 * @param output  where runs and models go
 */
public record PatchDictionaryConfig(String task, String name, long seed, List<DictionaryMethod> methods, Data data,
                                    Patches patches, KMeans kmeans, Sparse sparse, SparkConfig spark, Report report,
                                    Output output) implements InputFiles {
    /** The task id this config is for. */
    public static final String TASK = "kmeans_patches";
    /** The largest patch (pixels) the Spark engine's native solver takes: the fused kernel's D. */
    public static final int MAX_NATIVE_DIM = 64;
    /** A run name: letters, digits, '_', '.', '-', and not only dots (it names folders). */
    public static final Pattern RUN_NAME = Pattern.compile("(?!\\.+$)[A-Za-z0-9_.-]+");
    /** Every key at its default. */
    public static final PatchDictionaryConfig DEFAULTS = new PatchDictionaryConfig(TASK, TASK, 42L, null,
            Data.DEFAULTS, Patches.DEFAULTS, KMeans.DEFAULTS, Sparse.DEFAULTS, SparkConfig.DEFAULTS, Report.DEFAULTS,
            Output.DEFAULTS);

    public PatchDictionaryConfig {
        Check.oneOf("task", task, TASK);
        Check.matches("name", name, RUN_NAME, "a name of letters, digits, '_', '.', '-'");
        if (methods != null) {
            methods = Check.nonEmpty("methods", methods);
            for (int i = 0; i < methods.size(); i++) {
                Check.option("methods[" + i + "]", methods.get(i), DictionaryMethod.class);
                if (methods.indexOf(methods.get(i)) != i) {
                    throw new InvalidValueException("methods[" + i + "]", methods.get(i), "each method once");
                }
            }
        }
        Check.sectionsPresent("data patches kmeans sparse spark report output",
                data, patches, kmeans, sparse, spark, report, output);
        List<Integer> sparseK = sparse.k() == null ? kmeans.k() : sparse.k();
        List<Integer> allK = new ArrayList<>(kmeans.k());
        sparseK.stream().filter(k -> !allK.contains(k)).forEach(allK::add);
        Check.eachIn("report.atlas_k", report.atlasK(), allK, sparse.k() == null ? "kmeans.k" : "kmeans.k or sparse.k");
        if (report.codeK() != null && !sparseK.contains(report.codeK())) {
            throw new InvalidValueException("report.code_k", report.codeK(), "null or a value listed in "
                    + (sparse.k() == null ? "kmeans.k " : "sparse.k ") + ValueText.of(sparseK));
        }
        if (kmeans.engine() == Engine.SPARK) {
            checkSparkEngine(methods, kmeans, spark, patches.size());
        }
        int dim = patches.size() * patches.size();
        if (sparse.nonZeros() > dim) {
            throw new InvalidValueException("sparse.non_zeros", sparse.nonZeros(),
                    "an integer from 1 to " + dim + " (the pixels of a patch)");
        }
        int largestSparseK = sparseK.get(sparseK.size() - 1);
        if (methods != null && methods.contains(DictionaryMethod.SPARSE) && kmeans.fitSample() != null
                && kmeans.fitSample() < largestSparseK) {
            throw new InvalidValueException("kmeans.fit_sample", kmeans.fitSample(),
                    "null or an integer >= the largest sparse.k (" + largestSparseK + ")");
        }
    }

    /** What the Spark engine fits: Lloyd k-means on all patches, nothing else; what each solver can take. */
    private static void checkSparkEngine(List<DictionaryMethod> methods, KMeans kmeans, SparkConfig spark,
                                         int patchSize) {
        String why = "with kmeans.engine spark (it fits Lloyd k-means on all patches)";
        if (methods != null && !methods.equals(List.of(DictionaryMethod.LLOYD))) {
            throw new InvalidValueException("methods", methods, "null or [lloyd] " + why);
        }
        if (kmeans.algorithm() != DictionaryMethod.LLOYD) {
            throw new InvalidValueException("kmeans.algorithm", kmeans.algorithm(), "lloyd " + why);
        }
        if (kmeans.fitSample() != null) {
            throw new InvalidValueException("kmeans.fit_sample", kmeans.fitSample(), "null " + why);
        }
        if (spark.solver() == SparkConfig.Solver.NATIVE && patchSize * patchSize > MAX_NATIVE_DIM) {
            throw new InvalidValueException("spark.solver", spark.solver(), "mllib for patches.size " + patchSize
                    + " (the native solver's fused kernel takes patches of at most " + MAX_NATIVE_DIM + " pixels)");
        }
        if (spark.solver() == SparkConfig.Solver.MLLIB && kmeans.init() == KMeansOptions.Init.RANDOM) {
            throw new InvalidValueException("kmeans.init", kmeans.init(), "kmeans++ (Spark ML's k-means||) with "
                    + "spark.solver mllib: Spark 3.5's random init drops repeated patches and its block solver then "
                    + "fails; spark.solver native takes random");
        }
        if (spark.solver() == SparkConfig.Solver.MLLIB && kmeans.k().get(0) < 2) {
            throw new InvalidValueException("kmeans.k[0]", kmeans.k().get(0),
                    "an integer >= 2 with spark.solver mllib (Spark ML's KMeans needs K > 1)");
        }
    }

    /** Where k-means runs ({@code kmeans.engine}). */
    public enum Engine {
        /** In this JVM on ND4J: the project's own Lloyd and mini-batch k-means. */
        ND4J,
        /** Lloyd k-means on Apache Spark ({@code spark:}). */
        SPARK;

        /** The name configs use: nd4j or spark. */
        public String configName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * The images patches are cut from.
     *
     * @param source     {@code mnist} or {@code fashion-mnist} (idx files in {@code dir}) or {@code folder} (pictures
     *                   under {@code dir}, read grey at {@code image_size})
     * @param dir        the folder of the idx files (plain or .gz; for {@code fashion-mnist} the MNIST default means
     *                   data/fashion-mnist), or of the training pictures (class subfolders)
     * @param fetch      download the idx files into {@code dir} when they are missing
     * @param trainLimit use the first N training images; null = all
     * @param testLimit  use the first N test images for test MSE and reconstructions; null = all
     * @param testDir    {@code folder}: the test pictures (class subfolders); required there
     * @param imageSize  {@code folder}: the side pictures are resized to
     * @param invert     {@code folder}: polarity, {@code auto} (invert mostly light pictures), {@code yes}, {@code no}
     */
    public record Data(@OneOf({"mnist", "fashion-mnist", "folder"}) ImageSource.Kind source, String dir,
                       boolean fetch, Integer trainLimit, Integer testLimit, String testDir, int imageSize,
                       PictureLoader.Invert invert) {
        /** Every key at its default. */
        public static final Data DEFAULTS = new Data(ImageSource.Kind.MNIST, "data/mnist", true, null, null, null, 28,
                PictureLoader.Invert.AUTO);

        /** MNIST idx input. */
        public Data(String dir, boolean fetch, Integer trainLimit, Integer testLimit) {
            this(ImageSource.Kind.MNIST, dir, fetch, trainLimit, testLimit, null, 28, PictureLoader.Invert.AUTO);
        }

        public Data {
            Check.option("source", source, ImageSource.Kind.MNIST, ImageSource.Kind.FASHION_MNIST,
                    ImageSource.Kind.FOLDER);
            Check.option("invert", invert, PictureLoader.Invert.class);
            Check.inRange("image_size", imageSize, 1, 4096);
            if (source == ImageSource.Kind.FOLDER && (testDir == null || testDir.isBlank())) {
                throw new InvalidValueException("test_dir", testDir, "the folder of test pictures (data.source is folder)");
            }
            if (testDir != null && source != ImageSource.Kind.FOLDER) {
                throw new InvalidValueException("test_dir", testDir, "null unless data.source is folder");
            }
            Check.nonEmpty("dir", dir);
            Check.nullOrAtLeast("train_limit", trainLimit, 1);
            Check.nullOrAtLeast("test_limit", testLimit, 1);
        }
    }

    /**
     * Patch extraction, and the tiling of digits rebuilt from a dictionary.
     *
     * @param size      the side of the square patches, 1 to 28 pixels
     * @param stride    the step between patches, in pixels (training patches and overlapping reconstruction)
     * @param dropBlank leave out patches whose pixels are all zero
     * @param tiling    how digits are rebuilt: {@code overlap} (every window at the stride, each pixel the mean of
     *                  the windows over it) or {@code padded} (zero-padded to a multiple of the size, e.g. 28 to 30,
     *                  cut into non-overlapping tiles, blank tiles coded by an all-zero "null" centroid)
     */
    public record Patches(int size, int stride, boolean dropBlank, Tiling tiling) {
        /** Every key at its default. */
        public static final Patches DEFAULTS = new Patches(5, 1, true, Tiling.OVERLAP);

        public Patches {
            Check.inRange("size", size, 1, 28);
            Check.atLeast("stride", stride, 1);
            Check.option("tiling", tiling, Tiling.class);
        }
    }

    /**
     * The k-means fits, one per K.
     *
     * @param engine           where k-means runs: {@code nd4j} (this JVM, the project's own Lloyd and mini-batch) or
     *                         {@code spark} (Lloyd on Apache Spark, see {@code spark} and its {@code solver})
     * @param algorithm        {@code lloyd} (full batch) or {@code minibatch}
     * @param init             {@code kmeans++} or {@code random}
     * @param k                the numbers of clusters to fit, strictly increasing, each at least 1
     * @param maxIter          the most iterations (mini-batch: passes over the data) per fit
     * @param tol              stop when the centroids' relative shift falls to this (like scikit-learn)
     * @param fitSample        fit on a seeded subsample of this many patches; null = all patches
     * @param initSample       k-means++ runs on a seeded sample of this many patches when there are more
     * @param batchSize        mini-batch only: patches per batch
     * @param maxNoImprovement mini-batch only: stop after this many batches without a better smoothed inertia
     * @param threads          worker threads of the nearest-centroid search; 0 = all cores
     * @param tileRows         patches per distance tile; 0 = chosen from K
     */
    public record KMeans(Engine engine, @OneOf({"lloyd", "minibatch"}) DictionaryMethod algorithm,
                         KMeansOptions.Init init, List<Integer> k, int maxIter, double tol, Integer fitSample,
                         int initSample, int batchSize, int maxNoImprovement, int threads, int tileRows) {
        /** Every key at its default. */
        public static final KMeans DEFAULTS = new KMeans(Engine.ND4J, DictionaryMethod.LLOYD,
                KMeansOptions.Init.KMEANS_PLUS_PLUS, List.of(100), 100, 1.0e-4, null, 200_000, 4096, 10, 0, 0);

        public KMeans {
            Check.option("engine", engine, Engine.class);
            Check.option("algorithm", algorithm, DictionaryMethod.LLOYD, DictionaryMethod.MINIBATCH);
            Check.option("init", init, KMeansOptions.Init.class);
            k = Check.nonEmpty("k", k);
            k = Check.eachAtLeast("k", k, 1);
            k = Check.strictlyIncreasing("k", k);
            Check.atLeast("max_iter", maxIter, 1);
            Check.atLeast("tol", tol, 0.0);
            int largestK = k.get(k.size() - 1);
            if (fitSample != null && fitSample < largestK) {
                throw new InvalidValueException("fit_sample", fitSample,
                        "null or an integer >= the largest k (" + largestK + ")");
            }
            if (initSample < largestK) {
                throw new InvalidValueException("init_sample", initSample,
                        "an integer >= the largest k (" + largestK + ")");
            }
            Check.atLeast("batch_size", batchSize, 1);
            Check.atLeast("max_no_improvement", maxNoImprovement, 1);
            Check.atLeast("threads", threads, 0);
            Check.atLeast("tile_rows", tileRows, 0);
        }
    }

    /**
     * Sparse coding (method {@code sparse}): MOD dictionary learning with OMP codes, on the same patches
     * ({@code kmeans.fit_sample}) and threads as k-means.
     *
     * @param k        the numbers of atoms, strictly increasing; null = {@code kmeans.k}
     * @param nonZeros the most non-zero weights of a patch's code (OMP's T), at most the pixels of a patch
     * @param maxIter  the most dictionary-learning iterations (each a MOD update and an OMP pass over the patches)
     * @param tol      stop when an iteration lowers the training error by less than this fraction of it
     */
    public record Sparse(List<Integer> k, int nonZeros, int maxIter, double tol) {
        /** Every key at its default. */
        public static final Sparse DEFAULTS = new Sparse(null, 2, 30, 1.0e-3);

        public Sparse {
            if (k != null) {
                k = Check.nonEmpty("k", k);
                k = Check.eachAtLeast("k", k, 1);
                k = Check.strictlyIncreasing("k", k);
            }
            Check.atLeast("non_zeros", nonZeros, 1);
            Check.atLeast("max_iter", maxIter, 1);
            Check.atLeast("tol", tol, 0.0);
        }
    }

    /**
     * The run report's figures.
     *
     * @param atlasK         the Ks to draw a centroid (atom) atlas and patch examples for, each in {@code kmeans.k}
     *                       or {@code sparse.k}
     * @param exampleDigits  digits shown in the reconstruction figures
     * @param examplePatches original-versus-coded patch examples
     * @param codeK          the number of atoms whose code weights of one test patch are drawn as a heat map
     *                       (method {@code sparse}); null = the largest
     * @param codePatch      which non-blank test patch (an index) the heat map codes; null = the example patch
     *                       whose pixels vary most (a stroke's edge)
     * @param novelImages    pictures (PNG/JPEG, any size: grey, resized to 28x28 with area averaging, inverted when
     *                       mostly light) rebuilt with every method and K on one figure
     */
    public record Report(List<Integer> atlasK, int exampleDigits, int examplePatches, Integer codeK, Integer codePatch,
                         List<String> novelImages) {
        /** Every key at its default. */
        public static final Report DEFAULTS = new Report(List.of(), 8, 16, null, null, List.of());

        public Report {
            atlasK = Check.list("atlas_k", atlasK);
            Check.atLeast("example_digits", exampleDigits, 1);
            Check.atLeast("example_patches", examplePatches, 1);
            Check.nullOrAtLeast("code_patch", codePatch, 0);
            novelImages = Check.list("novel_images", novelImages);
            for (int i = 0; i < novelImages.size(); i++) {
                Check.nonEmpty("novel_images[" + i + "]", novelImages.get(i));
            }
        }
    }

    @Override
    public Map<String, List<String>> inputFiles() {
        Map<String, List<String>> files = InputFiles.dataSection(data.source(), data.dir(), null, data.testDir());
        if (!report.novelImages().isEmpty()) {
            files.put("report.novel_images", report.novelImages());
        }
        return files;
    }
}
