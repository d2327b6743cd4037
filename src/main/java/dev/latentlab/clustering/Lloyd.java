package dev.latentlab.clustering;

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
        int[] labels = new int[Math.toIntExact(x.rows())];
        try (KMeansRun run = new KMeansRun(x, options)) {
            NearestCentroidSearch search = run.search;
            int k = run.k;
            int dim = run.dim;
            boolean converged = false;
            ClusterSums current = null;
            for (int it = 1; it <= options.maxIter(); it++) {
                long t0 = System.nanoTime();
                float[] assigned = run.centroids;
                ClusterSums total = ClusterSums.merge(
                        search.run(x, assigned, k, () -> new ClusterSums(k, dim), ClusterSums.visitor(assigned, labels, true)));
                float[] updated = new float[k * dim];
                int empty = 0;
                for (int c = 0; c < k; c++) {
                    if (total.counts[c] == 0) {
                        x.copyRow((long) (run.rng.nextDouble() * x.rows()), updated, c * dim);
                        empty++;
                    } else {
                        for (int d = 0; d < dim; d++) {
                            updated[c * dim + d] = (float) (total.sums[c * dim + d] / total.counts[c]);
                        }
                    }
                }
                double shift = squaredShift(assigned, updated);
                run.centroids = updated;
                current = shift == 0 ? total : null;
                double seconds = (System.nanoTime() - t0) / 1e9;
                run.iterationDone(new IterationStats(it, total.squaredError, shift, empty, seconds), listener);
                if (shift <= run.threshold && empty == 0) {
                    converged = true;
                    break;
                }
            }
            // Labels and inertia must describe the centroids returned: one more assignment unless nothing moved.
            return run.result(labels, current != null ? current : assign(search, x, run.centroids, labels), converged);
        }
    }

    /** Assigns every row to its nearest centroid, filling {@code labels} (null: none kept); returns counts and squared error. */
    public static ClusterSums assign(NearestCentroidSearch search, PatchMatrix x, float[] centroids, int[] labels) {
        int k = centroids.length / x.dim();
        return ClusterSums.merge(search.run(x, centroids, k, () -> new ClusterSums(k, x.dim()),
                ClusterSums.visitor(centroids, labels, false)));
    }

    /** Sum of squared differences of two centroid arrays of the same shape. */
    public static double squaredShift(float[] before, float[] after) {
        double shift = 0;
        for (int i = 0; i < before.length; i++) {
            double diff = after[i] - before[i];
            shift += diff * diff;
        }
        return shift;
    }
}
