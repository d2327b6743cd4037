package dev.latentlab.mixture;

import java.util.Random;

/**
 * Test data: samples of a known 2-D Gaussian mixture, drawn independently of {@link GaussianMixture#sample}.
 * Component c has mean {@code means[c]} and covariance {@code A Aᵀ} for the lower-triangular
 * {@code A = [[a0, 0], [a1, a2]]} given as {@code factors[c] = {a0, a1, a2}}.
 */
record Blobs(double[][] x, int[] labels) {

    static Blobs generate(long seed, int n, double[] weights, double[][] means, double[][] factors) {
        Random rng = new Random(seed);
        double[][] x = new double[n][];
        int[] labels = new int[n];
        for (int t = 0; t < n; t++) {
            double u = rng.nextDouble();
            int c = 0;
            for (double acc = weights[0]; u >= acc && c + 1 < weights.length; acc += weights[++c]) {
                // walk to the component whose cumulative weight passes u
            }
            double z0 = rng.nextGaussian();
            double z1 = rng.nextGaussian();
            double[] f = factors[c];
            x[t] = new double[] {means[c][0] + f[0] * z0, means[c][1] + f[1] * z0 + f[2] * z1};
            labels[t] = c;
        }
        return new Blobs(x, labels);
    }

    /** Isotropic clusters with standard deviation {@code sd} around {@code means}, equal weights. */
    static Blobs isotropic(long seed, int n, double sd, double[][] means) {
        double[] w = new double[means.length];
        double[][] f = new double[means.length][];
        for (int c = 0; c < means.length; c++) {
            w[c] = 1.0 / means.length;
            f[c] = new double[] {sd, 0, sd};
        }
        return generate(seed, n, w, means, f);
    }

    /** The covariance A Aᵀ of a factor {a0, a1, a2}. */
    static double[][] covariance(double[] f) {
        return new double[][] {{f[0] * f[0], f[0] * f[1]}, {f[0] * f[1], f[1] * f[1] + f[2] * f[2]}};
    }
}
