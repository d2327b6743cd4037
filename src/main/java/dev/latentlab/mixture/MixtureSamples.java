package dev.latentlab.mixture;

/**
 * Samples drawn from a {@link GaussianMixture}.
 *
 * @param x          the samples, {@code [n][d]}
 * @param components the component each sample was drawn from
 */
public record MixtureSamples(double[][] x, int[] components) {
}
