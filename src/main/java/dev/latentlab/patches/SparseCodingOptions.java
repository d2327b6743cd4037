package dev.latentlab.patches;

/**
 * Options of one dictionary-learning fit ({@link DictionaryLearning}), validated on construction.
 *
 * @param k          number of atoms (>= 1)
 * @param nonZeros   the most non-zero weights per code, T (>= 1; OMP also stops at K)
 * @param maxIter    the most iterations of (OMP codes, MOD dictionary update) (>= 1)
 * @param tol        stop when an iteration lowers the training error by less than this fraction of it (>= 0)
 * @param initSample the k-means++ seeding of the first atoms runs on a seeded sample of this many rows (>= 1)
 * @param seed       seed of every random choice of the fit
 * @param threads    worker threads of the OMP passes (>= 1)
 */
public record SparseCodingOptions(int k, int nonZeros, int maxIter, double tol, int initSample, long seed,
                                  int threads) {

    public SparseCodingOptions {
        require(k >= 1, "k must be >= 1, got " + k);
        require(nonZeros >= 1, "nonZeros must be >= 1, got " + nonZeros);
        require(maxIter >= 1, "maxIter must be >= 1, got " + maxIter);
        require(tol >= 0 && Double.isFinite(tol), "tol must be finite and >= 0, got " + tol);
        require(initSample >= 1, "initSample must be >= 1, got " + initSample);
        require(threads >= 1, "threads must be >= 1, got " + threads);
    }

    /** K atoms, T non-zeros, 30 iterations, tol 1e-3, all cores. */
    public static SparseCodingOptions defaults(int k, int nonZeros) {
        return new SparseCodingOptions(k, nonZeros, 30, 1e-3, 200_000, 0L, Runtime.getRuntime().availableProcessors());
    }

    public SparseCodingOptions withK(int newK) {
        return new SparseCodingOptions(newK, nonZeros, maxIter, tol, initSample, seed, threads);
    }

    public SparseCodingOptions withSeed(long newSeed) {
        return new SparseCodingOptions(k, nonZeros, maxIter, tol, initSample, newSeed, threads);
    }

    public SparseCodingOptions withMaxIter(int newMaxIter) {
        return new SparseCodingOptions(k, nonZeros, newMaxIter, tol, initSample, seed, threads);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
