package dev.latentlab.mixture;

import java.util.Arrays;
import java.util.Locale;

/**
 * Options of one Gaussian mixture fit, validated on construction. Defaults follow scikit-learn's
 * {@code GaussianMixture}.
 *
 * @param components     number of mixture components K (>= 1)
 * @param covarianceType form of the covariance matrices
 * @param maxIter        most EM iterations per initialisation (>= 1)
 * @param tol            stop when the lower bound (the mean log-likelihood per sample before the last M-step)
 *                       changes by less than this between iterations (>= 0)
 * @param regCovar       added to the diagonal of every covariance, keeping it positive definite (>= 0)
 * @param nInit          initialisations to run; the fit with the highest lower bound is kept (>= 1).
 *                       Initialisation {@code i} (0-based) draws its random choices from its own stream,
 *                       {@code RandomStreams.random(seed, "gmm.restart", i)}: independent of every other restart and seed
 * @param init           how each initialisation chooses the starting responsibilities
 * @param seed           seed of every random choice of the fit
 */
public record GmmOptions(int components, CovarianceType covarianceType, int maxIter, double tol, double regCovar,
                         int nInit, Init init, long seed) {

    /** Initialisation methods, scikit-learn's {@code init_params}. */
    public enum Init {
        /**
         * Greedy k-means++ seeding on all samples, then Lloyd k-means run to convergence (at most 300 iterations,
         * tol 1e-4: scikit-learn's KMeans); the hard cluster labels give the first M-step ({@code "kmeans"}).
         */
        KMEANS,
        /** Greedy k-means++ picks K samples; component c starts on sample c alone ({@code "k-means++"}). */
        KMEANS_PLUS_PLUS,
        /** Uniform random responsibilities, normalised per sample ({@code "random"}). */
        RANDOM,
        /** K distinct random samples; component c starts on sample c alone ({@code "random_from_data"}). */
        RANDOM_FROM_DATA;

        /** scikit-learn's name: kmeans, k-means++, random or random_from_data. */
        public String sklearnName() {
            return this == KMEANS_PLUS_PLUS ? "k-means++" : name().toLowerCase(Locale.ROOT);
        }

        /** The method with scikit-learn's name {@code name}, or null when none has it. */
        public static Init fromSklearnName(String name) {
            return Arrays.stream(values()).filter(i -> i.sklearnName().equals(name)).findFirst().orElse(null);
        }

        /** Every scikit-learn name, in declaration order. */
        public static String[] sklearnNames() {
            return Arrays.stream(values()).map(Init::sklearnName).toArray(String[]::new);
        }
    }

    public GmmOptions {
        require(components >= 1, "components must be >= 1, got " + components);
        require(covarianceType != null, "covarianceType must be set");
        require(maxIter >= 1, "maxIter must be >= 1, got " + maxIter);
        require(tol >= 0 && Double.isFinite(tol), "tol must be finite and >= 0, got " + tol);
        require(regCovar >= 0 && Double.isFinite(regCovar), "regCovar must be finite and >= 0, got " + regCovar);
        require(nInit >= 1, "nInit must be >= 1, got " + nInit);
        require(init != null, "init must be set");
    }

    /** scikit-learn's defaults: full covariances, 100 iterations, tol 1e-3, regCovar 1e-6, one k-means init, seed 0. */
    public static GmmOptions defaults(int components) {
        return new GmmOptions(components, CovarianceType.FULL, 100, 1e-3, 1e-6, 1, Init.KMEANS, 0L);
    }

    public GmmOptions withComponents(int k) {
        return new GmmOptions(k, covarianceType, maxIter, tol, regCovar, nInit, init, seed);
    }

    public GmmOptions withCovarianceType(CovarianceType type) {
        return new GmmOptions(components, type, maxIter, tol, regCovar, nInit, init, seed);
    }

    public GmmOptions withMaxIter(int n) {
        return new GmmOptions(components, covarianceType, n, tol, regCovar, nInit, init, seed);
    }

    public GmmOptions withTol(double t) {
        return new GmmOptions(components, covarianceType, maxIter, t, regCovar, nInit, init, seed);
    }

    public GmmOptions withRegCovar(double r) {
        return new GmmOptions(components, covarianceType, maxIter, tol, r, nInit, init, seed);
    }

    public GmmOptions withNInit(int n) {
        return new GmmOptions(components, covarianceType, maxIter, tol, regCovar, n, init, seed);
    }

    public GmmOptions withInit(Init i) {
        return new GmmOptions(components, covarianceType, maxIter, tol, regCovar, nInit, i, seed);
    }

    public GmmOptions withSeed(long s) {
        return new GmmOptions(components, covarianceType, maxIter, tol, regCovar, nInit, init, s);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
