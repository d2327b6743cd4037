package dev.latentlab.clustering;

import dev.latentlab.rng.RandomStreams;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * What one Lloyd or mini-batch k-means fit keeps from start to result: the clock, the seeded random source, the
 * centroids (k-means++ or random at first), the convergence threshold ({@code tol} times the data's mean
 * per-dimension variance) and the iterations so far.
 */
final class KMeansRun {
    private final long start = System.nanoTime();
    private final List<IterationStats> history = new ArrayList<>();
    private double iterationSeconds;
    final int k;
    final int dim;
    final Random rng;
    final double threshold;
    float[] centroids;

    KMeansRun(PointRows x, KMeansOptions options) {
        k = options.k();
        dim = x.dim();
        rng = RandomStreams.random(options.seed(), "kmeans");
        centroids = Seeding.initialCentroids(x, options, rng);
        threshold = options.tol() * x.meanVariance();
    }

    /** Records an iteration that ended and tells {@code listener}. */
    void iterationDone(IterationStats stats, IterationListener listener) {
        iterationSeconds += stats.seconds();
        history.add(stats);
        listener.iterationDone(stats);
    }

    /** The fit's result: the current centroids, with the labels (null: none kept) and sums of their final assignment. */
    KMeansResult result(int[] labels, ClusterSums last, boolean converged) {
        double fitSeconds = (System.nanoTime() - start) / 1e9;
        return new KMeansResult(centroids, k, dim, labels, last.counts, last.squaredError, history.size(),
                converged, fitSeconds, iterationSeconds / history.size(), List.copyOf(history));
    }
}
