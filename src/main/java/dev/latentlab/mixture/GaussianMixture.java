package dev.latentlab.mixture;

import dev.latentlab.rng.RandomStreams;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Random;

/**
 * A Gaussian mixture model: K components with weights, means and covariances (always held as full D×D
 * matrices, diagonal or σ²I for the {@link CovarianceType#DIAGONAL} and {@link CovarianceType#SPHERICAL} types),
 * plus how its fit went. Immutable: accessors return copies. Fitted by EM with {@link #fit}, or built from
 * known parameters with {@link #of}.
 *
 * <pre>{@code
 * GaussianMixture gmm = GaussianMixture.fit(latents, GmmOptions.defaults(10).withNInit(3));
 * int[] cluster = gmm.predict(latents);
 * }</pre>
 *
 * <p>All densities are computed in log space, normalised with log-sum-exp, so tight components (variances of
 * 1e-8 and below) give finite log-likelihoods and responsibilities that sum to one. A covariance that is not
 * positive definite (a collapsed component with {@code regCovar} 0, say) fails the fit with an
 * {@link IllegalArgumentException}, as scikit-learn does, rather than being repaired silently.
 *
 * @param covarianceType       the form of the covariances
 * @param weights              mixing weights, K, summing to 1
 * @param means                component means, K×D
 * @param covariances          component covariances, K×D×D
 * @param converged            whether EM stopped on the tolerance rather than the iteration limit
 * @param iterations           EM iterations run (scikit-learn's {@code n_iter_})
 * @param logLikelihoodHistory the lower bound of every iteration: the mean log-likelihood per sample of the
 *                             training data under the parameters that iteration's E-step saw, the initial ones
 *                             first ({@code iterations} values; non-decreasing up to rounding). Its last value is
 *                             scikit-learn's {@code lower_bound_}
 * @param meanLogLikelihood    mean log-likelihood per sample of the training data under the final parameters,
 *                             one M-step past the last lower bound (scikit-learn's {@code score(X)} on the
 *                             training data; NaN for a model built with {@link #of})
 */
public record GaussianMixture(CovarianceType covarianceType, double[] weights, double[][] means,
                              double[][][] covariances, boolean converged, int iterations,
                              double[] logLikelihoodHistory, double meanLogLikelihood) {

    public GaussianMixture {
        Objects.requireNonNull(covarianceType, "covarianceType");
        Objects.requireNonNull(weights, "weights");
        Objects.requireNonNull(means, "means");
        Objects.requireNonNull(covariances, "covariances");
        Objects.requireNonNull(logLikelihoodHistory, "logLikelihoodHistory");
        int k = weights.length;
        require(k >= 1, "a mixture needs at least one component");
        require(means.length == k && covariances.length == k,
                k + " weights, but " + means.length + " means and " + covariances.length + " covariances");
        require(means[0] != null && means[0].length >= 1, "means must have at least one feature");
        int d = means[0].length;
        double weightSum = 0;
        for (int c = 0; c < k; c++) {
            require(Double.isFinite(weights[c]) && weights[c] >= 0, "weight " + c + " is " + weights[c]);
            weightSum += weights[c];
            require(means[c] != null && means[c].length == d, "mean " + c + " does not have " + d + " features");
            for (double v : means[c]) {
                require(Double.isFinite(v), "mean " + c + " has a non-finite value");
            }
            checkCovariance(covariances[c], c, d, covarianceType);
        }
        require(Math.abs(weightSum - 1) <= 1e-6, "weights sum to " + weightSum + ", expected 1");
        require(iterations >= 0, "iterations must be >= 0");
        weights = weights.clone();
        means = deepCopy(means);
        covariances = deepCopy(covariances);
        logLikelihoodHistory = logLikelihoodHistory.clone();
        densities(covarianceType, weights, means, covariances); // positive definite, or an exception naming the component
    }

    /** A model with known parameters, not fitted: no history, {@code converged} false, mean log-likelihood NaN. */
    public static GaussianMixture of(CovarianceType type, double[] weights, double[][] means, double[][][] covariances) {
        return new GaussianMixture(type, weights, means, covariances, false, 0, new double[0], Double.NaN);
    }

    /**
     * Fits a mixture to the rows of {@code x} by EM, {@code options.nInit()} times from different
     * initialisations, and returns the fit with the highest lower bound (the first on a tie), as scikit-learn's
     * {@code GaussianMixture.fit} does.
     *
     * @throws IllegalArgumentException for fewer samples than components, ragged or non-finite samples, or a
     *                                  component whose covariance stops being positive definite (raise
     *                                  {@code regCovar} or lower the number of components)
     */
    public static GaussianMixture fit(double[][] x, GmmOptions options) {
        GaussianMixture best = null;
        for (GaussianMixture candidate : restarts(x, options)) {
            if (best == null || candidate.lowerBound() > best.lowerBound()) {
                best = candidate;
            }
        }
        return best;
    }

    /** Every restart's fit, in order: restart {@code i} starts from its own stream of the seed. */
    static List<GaussianMixture> restarts(double[][] x, GmmOptions options) {
        Objects.requireNonNull(options, "options");
        double[][] cols = Columns.of(x, -1);
        int n = x.length;
        if (n < options.components()) {
            throw new IllegalArgumentException(options.components() + " components need at least as many samples, got " + n);
        }
        List<GaussianMixture> fits = new ArrayList<>();
        try (Initialization init = new Initialization(cols, n)) {
            for (int i = 0; i < options.nInit(); i++) {
                fits.add(em(cols, n, restartStart(init, cols, n, options, i), Double.NEGATIVE_INFINITY, options));
            }
        }
        return fits;
    }

    /** The starting parameters of restart {@code i}: its random choices come from its own stream of the seed. */
    private static Em.Params restartStart(Initialization init, double[][] cols, int n, GmmOptions options, int i) {
        Random rng = RandomStreams.random(options.seed(), "gmm.restart", i);
        double[][] start = init.responsibilities(options.components(), options.init(), rng);
        return Em.mStep(cols, n, start, options.covarianceType(), options.regCovar());
    }

    /** The starting means of every restart {@link #fit} runs on {@code x} with {@code options}, in order. */
    static double[][][] restartMeans(double[][] x, GmmOptions options) {
        double[][] cols = Columns.of(x, -1);
        double[][][] means = new double[options.nInit()][][];
        try (Initialization init = new Initialization(cols, x.length)) {
            for (int i = 0; i < options.nInit(); i++) {
                means[i] = restartStart(init, cols, x.length, options, i).means();
            }
        }
        return means;
    }

    /**
     * Continues EM from {@code start}'s parameters on the rows of {@code x} (scikit-learn's {@code warm_start}):
     * one run, {@code options.init()} and {@code nInit()} unused, {@code start}'s lower bound as the previous one
     * (so a start that has already converged on {@code x} stops after one iteration). The number of components
     * and the covariance type are {@code start}'s.
     *
     * @throws IllegalArgumentException when {@code x}'s dimension is not {@code start}'s, or as {@link #fit}
     */
    public static GaussianMixture fitFrom(GaussianMixture start, double[][] x, GmmOptions options) {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(options, "options");
        double[][] cols = Columns.of(x, start.dimension());
        int k = start.components();
        int d = start.dimension();
        double[][] flat = new double[k][d * d];
        for (int c = 0; c < k; c++) {
            for (int i = 0; i < d; i++) {
                System.arraycopy(start.covariances[c][i], 0, flat[c], i * d, d);
            }
        }
        Em.Params params = new Em.Params(start.weights.clone(), deepCopy(start.means), flat);
        double previous = start.lowerBound();
        GmmOptions same = options.withComponents(k).withCovarianceType(start.covarianceType);
        return em(cols, x.length, params, Double.isNaN(previous) ? Double.NEGATIVE_INFINITY : previous, same);
    }

    /**
     * EM from {@code params} in scikit-learn's order: each iteration's E-step gives the lower bound of the
     * parameters it saw, then the M-step updates them; stop when the lower bound changes by less than tol. One
     * last E-step scores the parameters returned.
     */
    private static GaussianMixture em(double[][] cols, int n, Em.Params params, double previousBound,
                                      GmmOptions options) {
        CovarianceType type = options.covarianceType();
        double[] history = new double[options.maxIter()];
        double lowerBound = previousBound;
        boolean converged = false;
        int it = 0;
        while (it < options.maxIter()) {
            Em.Expectation e = Em.eStep(checkedDensities(params, type, it), cols, n);
            it++;
            params = Em.mStep(cols, n, e.responsibilities(), type, options.regCovar());
            double previous = lowerBound;
            lowerBound = e.meanLogLikelihood();
            history[it - 1] = lowerBound;
            if (Math.abs(lowerBound - previous) < options.tol()) {
                converged = true;
                break;
            }
        }
        double score = Em.eStep(checkedDensities(params, type, it), cols, n).meanLogLikelihood();
        double[][][] covariances = new double[params.covariances().length][][];
        for (int c = 0; c < covariances.length; c++) {
            covariances[c] = square(params.covariances()[c], cols.length);
        }
        return new GaussianMixture(type, params.weights(), params.means(), covariances, converged, it,
                Arrays.copyOf(history, it), score);
    }

    /** scikit-learn's {@code lower_bound_}: the last value of the history, NaN when there is none. */
    public double lowerBound() {
        return logLikelihoodHistory.length == 0 ? Double.NaN : logLikelihoodHistory[logLikelihoodHistory.length - 1];
    }

    private static ComponentDensities checkedDensities(Em.Params p, CovarianceType type, int iteration) {
        try {
            return new ComponentDensities(p.weights(), p.means(), p.covariances(), type != CovarianceType.FULL);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Gaussian mixture fit failed: " + e.getMessage()
                    + (iteration == 0 ? " after initialisation" : " after EM iteration " + iteration)
                    + " (a collapsed or single-sample component); use fewer components or a larger regCovar", e);
        }
    }

    /** Number of components K. */
    public int components() {
        return weights.length;
    }

    /** Number of features D. */
    public int dimension() {
        return means[0].length;
    }

    /** log p(x) of every row of {@code x}. */
    public double[] logLikelihood(double[][] x) {
        return expectation(x).logLikelihood();
    }

    /** Mean log p(x) over the rows of {@code x} (scikit-learn's {@code score}). */
    public double score(double[][] x) {
        return expectation(x).meanLogLikelihood();
    }

    /** p(component | x) for every row of {@code x}, as {@code [n][k]}; each row sums to 1. */
    public double[][] predictProba(double[][] x) {
        double[][] resp = expectation(x).responsibilities();
        double[][] out = new double[x.length][components()];
        for (int c = 0; c < resp.length; c++) {
            for (int t = 0; t < x.length; t++) {
                out[t][c] = resp[c][t];
            }
        }
        return out;
    }

    /** The most responsible component of every row of {@code x} (the lowest index on a tie). */
    public int[] predict(double[][] x) {
        double[][] logProb = densities().weightedLogDensities(Columns.of(x, dimension()), x.length);
        int[] out = new int[x.length];
        double[] best = logProb[0].clone();
        for (int c = 1; c < logProb.length; c++) {
            double[] lp = logProb[c];
            for (int t = 0; t < x.length; t++) {
                if (lp[t] > best[t]) {
                    best[t] = lp[t];
                    out[t] = c;
                }
            }
        }
        return out;
    }

    /** Free parameters, counted as scikit-learn does: means, covariances and K-1 weights. */
    public long parameterCount() {
        int k = components();
        int d = dimension();
        return (long) k * d + k * covarianceType.parametersPerComponent(d) + k - 1;
    }

    /** Bayesian information criterion on {@code x}: {@code -2·Σ log p(x) + parameters·ln N}; lower is better. */
    public double bic(double[][] x) {
        return -2 * score(x) * x.length + parameterCount() * Math.log(x.length);
    }

    /** Akaike information criterion on {@code x}: {@code -2·Σ log p(x) + 2·parameters}; lower is better. */
    public double aic(double[][] x) {
        return -2 * score(x) * x.length + 2 * parameterCount();
    }

    /** {@code n} samples, each from a component drawn by weight, drawing every random number from {@code rng}. */
    public MixtureSamples sample(int n, Random rng) {
        require(n >= 0, "n must be >= 0, got " + n);
        ComponentDensities dens = densities();
        double[][] x = new double[n][];
        int[] component = new int[n];
        for (int t = 0; t < n; t++) {
            double u = rng.nextDouble();
            int c = 0;
            double run = weights[0];
            while (u >= run && c + 1 < weights.length) {
                c++;
                run += weights[c];
            }
            component[t] = c;
            x[t] = draw(dens.cholesky(c), means[c], rng);
        }
        return new MixtureSamples(x, component);
    }

    /** {@code n} samples of component {@code c} alone. */
    public double[][] sampleComponent(int c, int n, Random rng) {
        Objects.checkIndex(c, components());
        require(n >= 0, "n must be >= 0, got " + n);
        double[] l = densities().cholesky(c);
        double[][] x = new double[n][];
        for (int t = 0; t < n; t++) {
            x[t] = draw(l, means[c], rng);
        }
        return x;
    }

    /**
     * The Cholesky factor of component {@code c}'s precision matrix, scikit-learn's {@code precisions_cholesky_}:
     * the upper-triangular U with {@code Σ⁻¹ = U Uᵀ}, that is {@code U = L⁻ᵀ} for {@code Σ = L Lᵀ}.
     */
    public double[][] precisionCholesky(int c) {
        Objects.checkIndex(c, components());
        int d = dimension();
        double[] inv = Cholesky.invertLower(densities().cholesky(c), d);
        double[][] u = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                u[i][j] = inv[j * d + i];
            }
        }
        return u;
    }

    @Override
    public double[] weights() {
        return weights.clone();
    }

    @Override
    public double[][] means() {
        return deepCopy(means);
    }

    @Override
    public double[][][] covariances() {
        return deepCopy(covariances);
    }

    @Override
    public double[] logLikelihoodHistory() {
        return logLikelihoodHistory.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GaussianMixture g && covarianceType == g.covarianceType && converged == g.converged
                && iterations == g.iterations && Arrays.equals(weights, g.weights) && Arrays.deepEquals(means, g.means)
                && Arrays.deepEquals(covariances, g.covariances)
                && Arrays.equals(logLikelihoodHistory, g.logLikelihoodHistory)
                && Double.compare(meanLogLikelihood, g.meanLogLikelihood) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(covarianceType, Arrays.hashCode(weights), Arrays.deepHashCode(means),
                Arrays.deepHashCode(covariances), converged, iterations, meanLogLikelihood);
    }

    @Override
    public String toString() {
        return "GaussianMixture[" + covarianceType.sklearnName() + ", K=" + components() + ", D=" + dimension()
                + ", weights=" + Arrays.toString(weights) + ", converged=" + converged + ", iterations=" + iterations
                + ", meanLogLikelihood=" + meanLogLikelihood + "]";
    }

    private Em.Expectation expectation(double[][] x) {
        return Em.eStep(densities(), Columns.of(x, dimension()), x.length);
    }

    private ComponentDensities densities() {
        return densities(covarianceType, weights, means, covariances);
    }

    private static ComponentDensities densities(CovarianceType type, double[] weights, double[][] means,
                                                double[][][] covariances) {
        double[][] flat = new double[covariances.length][];
        for (int c = 0; c < flat.length; c++) {
            int d = covariances[c].length;
            flat[c] = new double[d * d];
            for (int i = 0; i < d; i++) {
                System.arraycopy(covariances[c][i], 0, flat[c], i * d, d);
            }
        }
        return new ComponentDensities(weights, means, flat, type != CovarianceType.FULL);
    }

    private static double[] draw(double[] l, double[] mu, Random rng) {
        int d = mu.length;
        double[] z = new double[d];
        for (int i = 0; i < d; i++) {
            z[i] = rng.nextGaussian();
        }
        double[] x = mu.clone();
        for (int i = 0; i < d; i++) {
            for (int j = 0; j <= i; j++) {
                x[i] += l[i * d + j] * z[j];
            }
        }
        return x;
    }

    private static void checkCovariance(double[][] cov, int c, int d, CovarianceType type) {
        require(cov != null && cov.length == d, "covariance " + c + " is not " + d + "x" + d);
        for (int i = 0; i < d; i++) {
            require(cov[i] != null && cov[i].length == d, "covariance " + c + " is not " + d + "x" + d);
        }
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < i; j++) {
                double a = cov[i][j];
                double b = cov[j][i];
                double scale = Math.sqrt(Math.abs(cov[i][i] * cov[j][j]));
                require(Math.abs(a - b) <= 1e-9 * scale, "covariance " + c + " is not symmetric");
                require(type == CovarianceType.FULL || (a == 0 && b == 0),
                        "covariance " + c + " has off-diagonal values, but the type is " + type.sklearnName());
            }
            require(type != CovarianceType.SPHERICAL || Math.abs(cov[i][i] - cov[0][0]) <= 1e-12 * Math.abs(cov[0][0]),
                    "covariance " + c + " has unequal variances, but the type is spherical");
        }
    }

    private static double[][] square(double[] flat, int d) {
        double[][] out = new double[d][];
        for (int i = 0; i < d; i++) {
            out[i] = Arrays.copyOfRange(flat, i * d, (i + 1) * d);
        }
        return out;
    }

    private static double[][] deepCopy(double[][] a) {
        double[][] out = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i] == null ? null : a[i].clone();
        }
        return out;
    }

    private static double[][][] deepCopy(double[][][] a) {
        double[][][] out = new double[a.length][][];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i] == null ? null : deepCopy(a[i]);
        }
        return out;
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
