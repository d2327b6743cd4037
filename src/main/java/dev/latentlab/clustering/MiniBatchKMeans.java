package dev.latentlab.clustering;

/**
 * Mini-batch k-means (Sculley, 2010): each step assigns a random batch to its nearest centroids and moves each
 * centroid towards the mean of its batch points with a per-centroid learning rate 1/(points seen). Stops after
 * {@code maxIter} passes' worth of batches, when the centroid shift falls below the tolerance, or when the
 * smoothed batch inertia has not improved for {@code maxNoImprovement} steps (as scikit-learn does). A final
 * full assignment gives labels and inertia for the centroids returned.
 */
public final class MiniBatchKMeans {
    private MiniBatchKMeans() {
    }

    /** Fits {@code options.k()} centroids to the rows of {@code x}. */
    public static KMeansResult fit(PointBlocks x, KMeansOptions options, IterationListener listener) {
        KMeansRun run = new KMeansRun(x, options);
        try (NearestCentroidSearch search = new NearestCentroidSearch(options.threads(), options.tileRows(),
                options.kernel())) {
            int k = run.k;
            int dim = run.dim;
            int batch = (int) Math.min(options.batchSize(), x.rows());
            long stepsPerPass = (x.rows() + batch - 1) / batch;
            long maxSteps = stepsPerPass * options.maxIter();
            double alpha = Math.min(1.0, 2.0 * batch / (x.rows() + 1.0));
            double[] seen = new double[k];
            double smoothed = Double.NaN;
            double best = Double.POSITIVE_INFINITY;
            int noImprovement = 0;
            boolean converged = false;
            for (int step = 1; step <= maxSteps; step++) {
                long t0 = System.nanoTime();
                long[] idx = new long[batch];
                for (int i = 0; i < batch; i++) {
                    idx[i] = (long) (run.rng.nextDouble() * x.rows());
                }
                ClusterSums total;
                float[] assigned = run.centroids;
                try (PointBlocks b = x.gather(idx)) {
                    total = ClusterSums.merge(search.run(b, assigned, k, () -> new ClusterSums(k, dim),
                            ClusterSums.visitor(assigned, null, true)));
                }
                float[] updated = assigned.clone();
                for (int c = 0; c < k; c++) {
                    long n = total.counts[c];
                    if (n > 0) {
                        double before = seen[c];
                        seen[c] += n;
                        for (int d = 0; d < dim; d++) {
                            int i = c * dim + d;
                            updated[i] = (float) ((assigned[i] * before + total.sums[i]) / seen[c]);
                        }
                    }
                }
                double shift = Lloyd.squaredShift(assigned, updated);
                run.centroids = updated;
                double batchInertia = total.squaredError / batch;
                smoothed = Double.isNaN(smoothed) ? batchInertia : smoothed * (1 - alpha) + batchInertia * alpha;
                double seconds = (System.nanoTime() - t0) / 1e9;
                run.iterationDone(new IterationStats(step, smoothed, shift, 0, seconds), listener);
                if (run.threshold > 0 && shift <= run.threshold) {
                    converged = true;
                    break;
                }
                if (smoothed < best) {
                    best = smoothed;
                    noImprovement = 0;
                } else if (++noImprovement >= options.maxNoImprovement()) {
                    converged = true;
                    break;
                }
            }
            int[] labels = new int[Math.toIntExact(x.rows())];
            return run.result(labels, Lloyd.assign(search, x, run.centroids, labels), converged);
        }
    }
}
