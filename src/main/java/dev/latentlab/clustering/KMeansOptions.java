package dev.latentlab.clustering;

/**
 * Options of one k-means fit (Lloyd or mini-batch), validated on construction.
 *
 * @param k               number of clusters (>= 1)
 * @param init            centroid initialisation
 * @param maxIter         Lloyd: maximum iterations; mini-batch: maximum passes over the data (>= 1)
 * @param tol             stop when the squared centroid shift is at most {@code tol} times the data's mean
 *                        per-dimension variance, as scikit-learn does (>= 0)
 * @param initSample      k-means++ runs on a seeded sample of at most this many points (>= k)
 * @param batchSize       mini-batch size (>= 1; unused by Lloyd)
 * @param maxNoImprovement mini-batch: stop after this many batches without improvement of the smoothed batch
 *                        inertia (>= 1; unused by Lloyd)
 * @param seed            seed of every random choice of the fit
 * @param threads         worker threads of the nearest-centroid search (>= 1)
 * @param tileRows        rows per distance tile, 0 = automatic
 * @param kernel          the nearest-centroid kernel (AUTO: the fused one where it applies; benchmarks compare them)
 */
public record KMeansOptions(int k, Init init, int maxIter, double tol, int initSample, int batchSize,
                            int maxNoImprovement, long seed, int threads, int tileRows,
                            NearestCentroidSearch.Kernel kernel) {

    /**
     * Centroid initialisation methods: plain k-means++, greedy k-means++ (scikit-learn's, {@code 2 + ln k}
     * candidates per centre), or distinct random points.
     */
    public enum Init { KMEANS_PLUS_PLUS, GREEDY_KMEANS_PLUS_PLUS, RANDOM }

    public KMeansOptions {
        require(k >= 1, "k must be >= 1, got " + k);
        require(init != null, "init must be set");
        require(maxIter >= 1, "maxIter must be >= 1, got " + maxIter);
        require(tol >= 0 && Double.isFinite(tol), "tol must be finite and >= 0, got " + tol);
        require(initSample >= 1, "initSample must be >= 1, got " + initSample);
        require(batchSize >= 1, "batchSize must be >= 1, got " + batchSize);
        require(maxNoImprovement >= 1, "maxNoImprovement must be >= 1, got " + maxNoImprovement);
        require(threads >= 1, "threads must be >= 1, got " + threads);
        require(tileRows >= 0, "tileRows must be >= 0, got " + tileRows);
        require(kernel != null, "kernel must be set");
    }

    /** The options with the AUTO kernel. */
    public KMeansOptions(int k, Init init, int maxIter, double tol, int initSample, int batchSize,
                         int maxNoImprovement, long seed, int threads, int tileRows) {
        this(k, init, maxIter, tol, initSample, batchSize, maxNoImprovement, seed, threads, tileRows,
                NearestCentroidSearch.Kernel.AUTO);
    }

    /** Defaults in the spirit of scikit-learn: k-means++, 300 iterations, tol 1e-4, all cores. */
    public static KMeansOptions defaults(int k) {
        return new KMeansOptions(k, Init.KMEANS_PLUS_PLUS, 300, 1e-4, 200_000, 4096, 10, 0L,
                Runtime.getRuntime().availableProcessors(), 0);
    }

    public KMeansOptions withK(int newK) {
        return new KMeansOptions(newK, init, maxIter, tol, initSample, batchSize, maxNoImprovement, seed, threads, tileRows,
                kernel);
    }

    public KMeansOptions withMaxIter(int newMaxIter) {
        return new KMeansOptions(k, init, newMaxIter, tol, initSample, batchSize, maxNoImprovement, seed, threads, tileRows,
                kernel);
    }

    public KMeansOptions withSeed(long newSeed) {
        return new KMeansOptions(k, init, maxIter, tol, initSample, batchSize, maxNoImprovement, newSeed, threads, tileRows,
                kernel);
    }

    /** The same options with the nearest-centroid kernel {@code newKernel}. */
    public KMeansOptions withKernel(NearestCentroidSearch.Kernel newKernel) {
        return new KMeansOptions(k, init, maxIter, tol, initSample, batchSize, maxNoImprovement, seed, threads, tileRows,
                newKernel);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
