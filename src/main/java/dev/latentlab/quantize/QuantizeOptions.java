package dev.latentlab.quantize;

import dev.latentlab.mixture.CovarianceType;

/**
 * Parameters of the quantizers (plain values, validated by the config or the CLI before).
 *
 * @param maxIter          k-means: most Lloyd iterations / mini-batch passes
 * @param tol              k-means: relative centroid-shift tolerance (scikit-learn's)
 * @param batchSize        mini-batch k-means: pixels per batch
 * @param maxNoImprovement mini-batch k-means: early stop after this many batches without improvement
 * @param kmeansFitSample  k-means: fit on a seeded sample of this many pixels; null = all pixels
 * @param gmmNInit         GMM: EM initialisations
 * @param gmmMaxIter       GMM: most EM iterations
 * @param gmmTol           GMM: log-likelihood tolerance
 * @param gmmRegCovar      GMM: added to the covariance diagonals
 * @param covariance       GMM: covariance type
 * @param gmmFitSample     GMM: fit on a seeded sample of this many pixels; null = all pixels
 * @param seed             seed of every random choice
 * @param threads          k-means nearest-centroid search threads (>= 1)
 */
public record QuantizeOptions(int maxIter, double tol, int batchSize, int maxNoImprovement, Integer kmeansFitSample,
                              int gmmNInit, int gmmMaxIter, double gmmTol, double gmmRegCovar,
                              CovarianceType covariance, Integer gmmFitSample, long seed, int threads) {

    /** Defaults: 300 iterations, tol 1e-4, batches of 1024, GMM fitted on 10,000 pixels, one thread. */
    public static QuantizeOptions defaults(long seed) {
        return new QuantizeOptions(300, 1e-4, 1024, 10, null, 1, 100, 1e-3, 1e-6, CovarianceType.FULL, 10_000,
                seed, 1);
    }

    public QuantizeOptions withThreads(int n) {
        return new QuantizeOptions(maxIter, tol, batchSize, maxNoImprovement, kmeansFitSample, gmmNInit, gmmMaxIter,
                gmmTol, gmmRegCovar, covariance, gmmFitSample, seed, n);
    }
}
