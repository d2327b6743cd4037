package dev.latentlab.quantize;

import dev.latentlab.mixture.GmmOptions;

/**
 * Parameters of the quantizers (plain values, validated by the config or the CLI before).
 *
 * @param maxIter          k-means: most Lloyd iterations / mini-batch passes
 * @param tol              k-means: relative centroid-shift tolerance (scikit-learn's)
 * @param batchSize        mini-batch k-means: pixels per batch
 * @param maxNoImprovement mini-batch k-means: early stop after this many batches without improvement
 * @param kmeansFitSample  k-means: fit on a seeded sample of this many pixels; null = all pixels
 * @param gmm              GMM: the EM options; its number of components and seed are replaced by each fit's K and
 *                         {@code seed}
 * @param gmmFitSample     GMM: fit on a seeded sample of this many pixels; null = all pixels
 * @param seed             seed of every random choice
 * @param threads          k-means nearest-centroid search threads (>= 1)
 */
public record QuantizeOptions(int maxIter, double tol, int batchSize, int maxNoImprovement, Integer kmeansFitSample,
                              GmmOptions gmm, Integer gmmFitSample, long seed, int threads) {

    /** Defaults: 300 iterations, tol 1e-4, batches of 1024, GMM (scikit-learn's defaults) on 10,000 pixels, one thread. */
    public static QuantizeOptions defaults(long seed) {
        return new QuantizeOptions(300, 1e-4, 1024, 10, null, GmmOptions.defaults(1), 10_000, seed, 1);
    }

    public QuantizeOptions withThreads(int n) {
        return new QuantizeOptions(maxIter, tol, batchSize, maxNoImprovement, kmeansFitSample, gmm, gmmFitSample, seed, n);
    }
}
