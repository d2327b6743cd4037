package dev.latentlab.config;

import dev.latentlab.mixture.CovarianceType;
import dev.latentlab.mixture.GmmOptions;
import dev.latentlab.quantize.QuantizeMethod;
import java.util.List;
import java.util.Map;

/**
 * The config of task {@code quantize}: colour quantization of pictures with k-means, mini-batch k-means, a Gaussian
 * mixture, a random palette and GMM sampling, for each palette size in {@code k}. See the package docs for how
 * defaults and validation work.
 *
 * @param task    always {@value #TASK}
 * @param name    the run name ({@code runs/<stamp>-<name>/}); defaults to the config file's base name
 * @param seed    the seed of every random choice in the run
 * @param images  the pictures (any JPEG or PNG paths; alpha is composited over white, grey expanded to RGB)
 * @param methods the methods, run side by side: kmeans, minibatch, gmm, random, gmm_sample
 * @param k       the palette sizes, strictly increasing
 * @param kmeans  the k-means fits (kmeans and minibatch)
 * @param gmm     the Gaussian mixture fits (gmm and gmm_sample)
 * @param report  figures of the run report
 * @param output  where runs go ({@code save_model} is unused: nothing is saved but the run folder)
 */
public record QuantizeConfig(String task, String name, long seed, List<String> images, List<QuantizeMethod> methods,
                             List<Integer> k, KMeans kmeans, Gmm gmm, Report report, Output output) implements InputFiles {
    /** The task id this config is for. */
    public static final String TASK = "quantize";
    /** Every key at its default. */
    public static final QuantizeConfig DEFAULTS = new QuantizeConfig(TASK, TASK, 42L,
            List.of("/usr/lib/python3/dist-packages/sklearn/datasets/images/china.jpg"),
            List.of(QuantizeMethod.values()), List.of(16, 32, 64),
            KMeans.DEFAULTS, Gmm.DEFAULTS, Report.DEFAULTS, Output.DEFAULTS);

    public QuantizeConfig {
        Check.oneOf("task", task, TASK);
        Check.matches("name", name, PatchDictionaryConfig.RUN_NAME, "a name of letters, digits, '_', '.', '-'");
        images = Check.nonEmpty("images", images);
        for (int i = 0; i < images.size(); i++) {
            Check.nonEmpty("images[" + i + "]", images.get(i));
        }
        methods = Check.nonEmpty("methods", methods);
        for (int i = 0; i < methods.size(); i++) {
            Check.option("methods[" + i + "]", methods.get(i), QuantizeMethod.class);
            if (methods.indexOf(methods.get(i)) != i) {
                throw new InvalidValueException("methods[" + i + "]", methods.get(i), "each method once");
            }
        }
        k = Check.nonEmpty("k", k);
        k = Check.eachAtLeast("k", k, 1);
        k = Check.strictlyIncreasing("k", k);
        Check.sectionsPresent("kmeans gmm report output", kmeans, gmm, report, output);
        int largestK = k.get(k.size() - 1);
        if (kmeans.fitSample() != null && kmeans.fitSample() < largestK) {
            throw new InvalidValueException("kmeans.fit_sample", kmeans.fitSample(),
                    "null or an integer >= the largest k (" + largestK + ")");
        }
        if (gmm.fitSample() != null && gmm.fitSample() < largestK) {
            throw new InvalidValueException("gmm.fit_sample", gmm.fitSample(),
                    "null or an integer >= the largest k (" + largestK + ")");
        }
        if (report.scatterK() != null && !k.contains(report.scatterK())) {
            throw new InvalidValueException("report.scatter_k", report.scatterK(),
                    "null or a value listed in k " + ValueText.of(k));
        }
    }

    /**
     * k-means and mini-batch k-means (k-means++ seeding).
     *
     * @param maxIter          the most Lloyd iterations (mini-batch: passes over the pixels)
     * @param tol              stop when the centroids' relative shift falls to this (like scikit-learn)
     * @param batchSize        mini-batch only: pixels per batch
     * @param maxNoImprovement mini-batch only: stop after this many batches without a better smoothed inertia
     * @param fitSample        fit on a seeded sample of this many pixels; null = all pixels (every pixel is then
     *                         mapped to its nearest centroid either way)
     * @param threads          worker threads of the nearest-centroid search; 0 = all cores
     */
    public record KMeans(int maxIter, double tol, int batchSize, int maxNoImprovement, Integer fitSample, int threads) {
        /** Every key at its default. */
        public static final KMeans DEFAULTS = new KMeans(300, 1.0e-4, 1024, 10, null, 0);

        public KMeans {
            Check.atLeast("max_iter", maxIter, 1);
            Check.atLeast("tol", tol, 0.0);
            Check.atLeast("batch_size", batchSize, 1);
            Check.atLeast("max_no_improvement", maxNoImprovement, 1);
            Check.nullOrAtLeast("fit_sample", fitSample, 1);
            Check.atLeast("threads", threads, 0);
        }
    }

    /**
     * The Gaussian mixture (EM) fits.
     *
     * @param nInit      EM initialisations, the best lower bound kept
     * @param maxIter    the most EM iterations per initialisation
     * @param tol        stop when the lower bound (mean log-likelihood per pixel) changes by less than this
     * @param regCovar   added to each covariance diagonal
     * @param covariance full, diag or spherical
     * @param fitSample  fit on a seeded sample of this many pixels (the source notebook's exercise used 10,000); null = all
     * @param init       scikit-learn's init_params: kmeans, k-means++, random or random_from_data
     */
    public record Gmm(int nInit, int maxIter, double tol, double regCovar, CovarianceType covariance,
                      Integer fitSample, GmmOptions.Init init) {
        /** Every key at its default. */
        public static final Gmm DEFAULTS = new Gmm(1, 100, 1.0e-3, 1.0e-6, CovarianceType.FULL, 10_000,
                GmmOptions.Init.KMEANS);

        public Gmm {
            Check.atLeast("n_init", nInit, 1);
            Check.atLeast("max_iter", maxIter, 1);
            Check.atLeast("tol", tol, 0.0);
            Check.atLeast("reg_covar", regCovar, 0.0);
            Check.option("covariance", covariance, CovarianceType.class);
            Check.nullOrAtLeast("fit_sample", fitSample, 1);
            Check.option("init", init, GmmOptions.Init.class);
        }
    }

    /**
     * The run report's figures.
     *
     * @param scatterSample pixels drawn (seeded) for the colour-plane scatter plots
     * @param scatterK      the palette size whose centres the scatter plots mark; null = the largest k
     * @param cellWidth     the width in pixels of each picture in the side-by-side figure (scaled down only)
     */
    public record Report(int scatterSample, Integer scatterK, int cellWidth) {
        /** Every key at its default. */
        public static final Report DEFAULTS = new Report(3000, null, 320);

        public Report {
            Check.atLeast("scatter_sample", scatterSample, 1);
            Check.atLeast("cell_width", cellWidth, 16);
        }
    }

    @Override
    public Map<String, List<String>> inputFiles() {
        return Map.of("images", images);
    }
}
