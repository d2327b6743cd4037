package dev.latentlab.config;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The config of task {@code kmeans_patches}: a k-means dictionary of MNIST image patches, fitted for each K
 * in {@code kmeans.k}. See the package docs for how defaults and validation work.
 *
 * @param task    always {@value #TASK}
 * @param name    the run name ({@code runs/<stamp>-<name>/}, {@code models/<name>/}): letters, digits, '_',
 *                '.', '-'; defaults to the config file's base name
 * @param seed    the seed of every random choice in the run
 * @param data    which MNIST digits to use
 * @param patches how patches are cut from the digits
 * @param kmeans  the k-means fits
 * @param report  figures of the run report
 * @param output  where runs and models go
 */
public record PatchDictionaryConfig(String task, String name, long seed, Data data, Patches patches, KMeans kmeans,
                                    Report report, Output output) {
    /** The task id this config is for. */
    public static final String TASK = "kmeans_patches";
    /** A run name: letters, digits, '_', '.', '-', and not only dots (it names folders). */
    public static final Pattern RUN_NAME = Pattern.compile("(?!\\.+$)[A-Za-z0-9_.-]+");
    /** Every key at its default. */
    public static final PatchDictionaryConfig DEFAULTS = new PatchDictionaryConfig(TASK, TASK, 42L, Data.DEFAULTS,
            Patches.DEFAULTS, KMeans.DEFAULTS, Report.DEFAULTS, Output.DEFAULTS);

    public PatchDictionaryConfig {
        Check.oneOf("task", task, TASK);
        Check.matches("name", name, RUN_NAME, "a name of letters, digits, '_', '.', '-'");
        Check.notNull("data", data, "a map");
        Check.notNull("patches", patches, "a map");
        Check.notNull("kmeans", kmeans, "a map");
        Check.notNull("report", report, "a map");
        Check.notNull("output", output, "a map");
        Check.eachIn("report.atlas_k", report.atlasK(), kmeans.k(), "kmeans.k");
    }

    /**
     * MNIST input.
     *
     * @param dir        the folder of the MNIST idx files (plain or .gz)
     * @param fetch      download MNIST into {@code dir} when it is missing
     * @param trainLimit use the first N training digits; null = all 60,000
     * @param testLimit  use the first N t10k digits for test MSE and reconstructions; null = all 10,000
     */
    public record Data(String dir, boolean fetch, Integer trainLimit, Integer testLimit) {
        /** Every key at its default. */
        public static final Data DEFAULTS = new Data("data/mnist", true, null, null);

        public Data {
            Check.nonEmpty("dir", dir);
            Check.nullOrAtLeast("train_limit", trainLimit, 1);
            Check.nullOrAtLeast("test_limit", testLimit, 1);
        }
    }

    /**
     * Patch extraction.
     *
     * @param size      the side of the square patches, 1 to 28 pixels
     * @param stride    the step between patches, in pixels
     * @param dropBlank leave out patches whose pixels are all zero
     */
    public record Patches(int size, int stride, boolean dropBlank) {
        /** Every key at its default. */
        public static final Patches DEFAULTS = new Patches(5, 1, true);

        public Patches {
            Check.inRange("size", size, 1, 28);
            Check.atLeast("stride", stride, 1);
        }
    }

    /**
     * The k-means fits, one per K.
     *
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
    public record KMeans(String algorithm, String init, List<Integer> k, int maxIter, double tol, Integer fitSample,
                         int initSample, int batchSize, int maxNoImprovement, int threads, int tileRows) {
        /** Every key at its default. */
        public static final KMeans DEFAULTS = new KMeans("lloyd", "kmeans++", List.of(100), 100, 1.0e-4, null,
                200_000, 4096, 10, 0, 0);

        public KMeans {
            Check.oneOf("algorithm", algorithm, "lloyd", "minibatch");
            Check.oneOf("init", init, "kmeans++", "random");
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
     * The run report's figures.
     *
     * @param atlasK         the Ks to draw a centroid atlas for, each one of {@code kmeans.k}
     * @param exampleDigits  digits shown in the reconstruction figures
     * @param examplePatches original-versus-nearest-centroid patch examples
     */
    public record Report(List<Integer> atlasK, int exampleDigits, int examplePatches) {
        /** Every key at its default. */
        public static final Report DEFAULTS = new Report(List.of(), 8, 16);

        public Report {
            atlasK = Check.list("atlas_k", atlasK);
            Check.atLeast("example_digits", exampleDigits, 1);
            Check.atLeast("example_patches", examplePatches, 1);
        }
    }
}
