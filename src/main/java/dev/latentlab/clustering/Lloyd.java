package dev.latentlab.clustering;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Lloyd's k-means: assign every point to its nearest centroid (tiled GEMM + argmin), move each centroid to
 * the mean of its points, re-seed empty clusters from random points, until the centroid shift falls below the
 * tolerance or the iteration limit is reached.
 */
public final class Lloyd {
    private Lloyd() {
    }

    /** Fits {@code options.k()} centroids to the rows of {@code x}. */
    public static KMeansResult fit(PatchMatrix x, KMeansOptions options, IterationListener listener) {
        return fit(x, options, listener, NearestCentroidSearch.Kernel.AUTO);
    }

    /** The same with the nearest-centroid kernel chosen (benchmarks compare them). */
    public static KMeansResult fit(PatchMatrix x, KMeansOptions options, IterationListener listener,
                                   NearestCentroidSearch.Kernel kernel) {
        long start = System.nanoTime();
        int k = options.k();
        int dim = x.dim();
        Random rng = new Random(options.seed());
        float[] centroids = Seeding.initialCentroids(x, options, rng);
        double threshold = options.tol() * x.meanVariance();
        List<IterationStats> history = new ArrayList<>();
        int[] labels = new int[Math.toIntExact(x.rows())];
        boolean converged = false;
        ClusterSums current = null;
        double iterationSeconds = 0;
        try (NearestCentroidSearch search = new NearestCentroidSearch(options.threads(), options.tileRows(), kernel)) {
            for (int it = 1; it <= options.maxIter(); it++) {
                long t0 = System.nanoTime();
                float[] assigned = centroids;
                ClusterSums total = ClusterSums.merge(
                        search.run(x, assigned, k, () -> new ClusterSums(k, dim), ClusterSums.visitor(assigned, labels, true)));
                float[] updated = new float[k * dim];
                int empty = 0;
                for (int c = 0; c < k; c++) {
                    if (total.counts[c] == 0) {
                        x.copyRow((long) (rng.nextDouble() * x.rows()), updated, c * dim);
                        empty++;
                    } else {
                        for (int d = 0; d < dim; d++) {
                            updated[c * dim + d] = (float) (total.sums[c * dim + d] / total.counts[c]);
                        }
                    }
                }
                double shift = squaredShift(assigned, updated);
                centroids = updated;
                current = shift == 0 ? total : null;
                double seconds = (System.nanoTime() - t0) / 1e9;
                iterationSeconds += seconds;
                IterationStats stats = new IterationStats(it, total.squaredError, shift, empty, seconds);
                history.add(stats);
                listener.iterationDone(stats);
                if (shift <= threshold && empty == 0) {
                    converged = true;
                    break;
                }
            }
            // Labels and inertia must describe the centroids returned: one more assignment unless nothing moved.
            ClusterSums last = current != null ? current : assign(search, x, centroids, labels);
            double fitSeconds = (System.nanoTime() - start) / 1e9;
            return new KMeansResult(centroids, k, dim, labels, last.counts, last.squaredError, history.size(),
                    converged, fitSeconds, iterationSeconds / history.size(), List.copyOf(history));
        }
    }

    /** Assigns every row to its nearest centroid, filling {@code labels}; returns counts and squared error. */
    public static ClusterSums assign(NearestCentroidSearch search, PatchMatrix x, float[] centroids, int[] labels) {
        int k = centroids.length / x.dim();
        return ClusterSums.merge(search.run(x, centroids, k, () -> new ClusterSums(k, x.dim()),
                ClusterSums.visitor(centroids, labels, false)));
    }

    public static double squaredShift(float[] before, float[] after) {
        double shift = 0;
        for (int i = 0; i < before.length; i++) {
            double diff = after[i] - before[i];
            shift += diff * diff;
        }
        return shift;
    }
}
