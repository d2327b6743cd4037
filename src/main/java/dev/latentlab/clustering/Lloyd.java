package dev.latentlab.clustering;

/**
 * Lloyd's k-means: assign every point to its nearest centroid, move each centroid to the mean of its points,
 * re-seed empty clusters from random points, until the centroid shift falls below the tolerance or the iteration
 * limit is reached. The loop runs on the driver of any {@link Points}: rows in this JVM ({@link #fit(PointBlocks,
 * KMeansOptions, IterationListener)}) or blocks on a cluster, so seeding, stopping rule and empty-cluster handling
 * are the same code for both.
 */
public final class Lloyd {
    private Lloyd() {
    }

    /** Points Lloyd can assign: each pass gives the per-centroid sums, counts and squared error. */
    public interface Points extends PointRows {
        /**
         * One assignment of every point to its nearest of the K centroids ({@code centroids} K x D row-major):
         * counts and squared error, and the per-centroid sums when {@code withSums}.
         */
        ClusterSums assign(float[] centroids, boolean withSums);
    }

    /** Fits {@code options.k()} centroids to the rows of {@code x}; the result has every row's label. */
    public static KMeansResult fit(PointBlocks x, KMeansOptions options, IterationListener listener) {
        int[] labels = new int[Math.toIntExact(x.rows())];
        try (NearestCentroidSearch search = new NearestCentroidSearch(options.threads(), options.tileRows(),
                options.kernel())) {
            return fit(new InMemory(x, search, labels), options, listener, labels);
        }
    }

    /** Fits {@code options.k()} centroids to {@code x}; the result has no labels ({@code labels()} is null). */
    public static KMeansResult fit(Points x, KMeansOptions options, IterationListener listener) {
        return fit(x, options, listener, null);
    }

    private static KMeansResult fit(Points x, KMeansOptions options, IterationListener listener, int[] labels) {
        KMeansRun run = new KMeansRun(x, options);
        int k = run.k;
        int dim = run.dim;
        boolean converged = false;
        ClusterSums current = null;
        for (int it = 1; it <= options.maxIter(); it++) {
            long t0 = System.nanoTime();
            float[] assigned = run.centroids;
            ClusterSums total = x.assign(assigned, true);
            float[] updated = new float[k * dim];
            int empty = 0;
            for (int c = 0; c < k; c++) {
                if (total.counts[c] != 0) {
                    for (int d = 0; d < dim; d++) {
                        updated[c * dim + d] = (float) (total.sums[c * dim + d] / total.counts[c]);
                    }
                } else {
                    empty++;
                }
            }
            reseedEmpty(x, total, updated, empty, run);
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
        return run.result(labels, current != null ? current : x.assign(run.centroids, false), converged);
    }

    /** Each empty cluster, in order, takes a random point (one draw of the run's generator each). */
    private static void reseedEmpty(Points x, ClusterSums total, float[] updated, int empty, KMeansRun run) {
        if (empty == 0) {
            return;
        }
        long[] rows = new long[empty];
        int[] clusters = new int[empty];
        for (int c = 0, e = 0; c < run.k; c++) {
            if (total.counts[c] == 0) {
                rows[e] = (long) (run.rng.nextDouble() * x.rows());
                clusters[e++] = c;
            }
        }
        float[] picked = x.copyRows(rows);
        for (int e = 0; e < empty; e++) {
            System.arraycopy(picked, e * run.dim, updated, clusters[e] * run.dim, run.dim);
        }
    }

    /** Assigns every row to its nearest centroid, filling {@code labels} (null: none kept); returns counts and squared error. */
    public static ClusterSums assign(NearestCentroidSearch search, PointBlocks x, float[] centroids, int[] labels) {
        return new InMemory(x, search, labels).assign(centroids, false);
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

    /** The rows of an off-heap matrix, searched by this JVM's worker threads, each pass writing every row's label. */
    private record InMemory(PointBlocks x, NearestCentroidSearch search, int[] labels) implements Points {
        @Override
        public long rows() {
            return x.rows();
        }

        @Override
        public int dim() {
            return x.dim();
        }

        @Override
        public double meanVariance() {
            return x.meanVariance();
        }

        @Override
        public float[] copyRows(long[] indices) {
            return x.copyRows(indices);
        }

        @Override
        public ClusterSums assign(float[] centroids, boolean withSums) {
            int k = centroids.length / x.dim();
            return ClusterSums.merge(search.run(x, centroids, k, () -> new ClusterSums(k, x.dim()),
                    ClusterSums.visitor(centroids, labels, withSums)));
        }
    }
}
