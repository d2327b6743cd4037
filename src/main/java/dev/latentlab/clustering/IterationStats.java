package dev.latentlab.clustering;

/**
 * One k-means iteration (Lloyd) or mini-batch step.
 *
 * @param iteration    1-based
 * @param inertia      Lloyd: sum of squared distances of all points to the centroids they were assigned to;
 *                     mini-batch: the batch's mean squared distance per point, smoothed
 * @param shift        squared centroid shift of this iteration (sum over centroids)
 * @param emptyClusters clusters that were empty and re-seeded from a random point
 * @param seconds      wall time of the iteration
 */
public record IterationStats(int iteration, double inertia, double shift, int emptyClusters, double seconds) {
}
