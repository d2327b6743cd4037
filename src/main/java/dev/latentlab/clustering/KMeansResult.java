package dev.latentlab.clustering;

import java.util.List;

/**
 * The outcome of a k-means fit.
 *
 * @param centroids     K x D centroids, row-major
 * @param k             number of centroids
 * @param dim           point dimension D
 * @param labels        each training point's nearest final centroid; null where the points are not in this JVM
 * @param counts        points per cluster under {@code labels}
 * @param inertia       sum of squared distances of the points to their nearest final centroid
 * @param iterations    iterations done (Lloyd) or mini-batch steps done
 * @param converged     whether the tolerance (or mini-batch early stop) ended the fit before the limit
 * @param fitSeconds    wall time of the fit, initialisation included
 * @param secondsPerIteration mean wall time of one iteration (Lloyd) or one mini-batch step
 * @param history       one entry per iteration (Lloyd) or per step (mini-batch)
 */
public record KMeansResult(float[] centroids, int k, int dim, int[] labels, long[] counts, double inertia,
                           int iterations, boolean converged, double fitSeconds, double secondsPerIteration,
                           List<IterationStats> history) {

    /** Mean squared error per coordinate: inertia / (N * D). */
    public double mse() {
        long n = java.util.Arrays.stream(counts).sum();
        return n == 0 ? 0 : inertia / ((double) n * dim);
    }
}
