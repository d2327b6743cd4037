package dev.latentlab.mixture;

/**
 * The weighted log-densities {@code log w_k + log N(x | μ_k, Σ_k)} of every component at every sample. Each
 * component's Mahalanobis distances come from one forward substitution with its Cholesky factor, run over
 * blocks of samples held column-wise (tight loops over samples, K·D²/2 multiply-adds per sample); a diagonal
 * covariance skips the off-diagonal terms.
 */
final class ComponentDensities {
    private static final double LOG_2PI = Math.log(2 * Math.PI);
    private static final int BLOCK = 1024;

    private final int k;
    private final int d;
    private final double[] constants;
    private final double[][] means;
    private final double[][] cholesky;
    private final boolean diagonal;

    /**
     * @param covariances per component, the D×D covariance row-major
     * @throws IllegalArgumentException naming the first component whose covariance is not positive definite
     */
    ComponentDensities(double[] weights, double[][] means, double[][] covariances, boolean diagonal) {
        this.k = weights.length;
        this.d = means[0].length;
        this.means = means;
        this.diagonal = diagonal;
        this.cholesky = new double[k][];
        this.constants = new double[k];
        for (int c = 0; c < k; c++) {
            double[] l = Cholesky.lower(covariances[c], d);
            if (l == null) {
                throw new IllegalArgumentException("the covariance of component " + c + " is not positive definite");
            }
            cholesky[c] = l;
            constants[c] = Math.log(weights[c]) - 0.5 * d * LOG_2PI - Cholesky.logDiagonalSum(l, d);
        }
    }

    /** {@code out[k][n] = log w_k + log N(x_n | μ_k, Σ_k)} for the {@code n} samples in {@code cols[d][n]}. */
    double[][] weightedLogDensities(double[][] cols, int n) {
        double[][] out = new double[k][n];
        double[][] y = new double[d][BLOCK];
        double[] acc = new double[BLOCK];
        for (int c = 0; c < k; c++) {
            double[] l = cholesky[c];
            double[] mu = means[c];
            double[] o = out[c];
            for (int s = 0; s < n; s += BLOCK) {
                int m = Math.min(BLOCK, n - s);
                java.util.Arrays.fill(acc, 0, m, 0.0);
                for (int i = 0; i < d; i++) {
                    double[] yi = y[i];
                    double[] xi = cols[i];
                    double mui = mu[i];
                    for (int t = 0; t < m; t++) {
                        yi[t] = xi[s + t] - mui;
                    }
                    if (!diagonal) {
                        for (int j = 0; j < i; j++) {
                            double lij = l[i * d + j];
                            if (lij != 0) {
                                double[] yj = y[j];
                                for (int t = 0; t < m; t++) {
                                    yi[t] -= lij * yj[t];
                                }
                            }
                        }
                    }
                    double inv = 1.0 / l[i * d + i];
                    for (int t = 0; t < m; t++) {
                        double v = yi[t] * inv;
                        yi[t] = v;
                        acc[t] += v * v;
                    }
                }
                double constant = constants[c];
                for (int t = 0; t < m; t++) {
                    o[s + t] = constant - 0.5 * acc[t];
                }
            }
        }
        return out;
    }

    /** The Cholesky factor L (row-major, lower) of component {@code c}'s covariance. Shared, do not modify. */
    double[] cholesky(int c) {
        return cholesky[c];
    }
}
