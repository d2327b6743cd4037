package dev.latentlab.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.mllib.clustering.KMeans;
import org.apache.spark.mllib.linalg.Vector;
import org.apache.spark.mllib.stat.MultivariateStatisticalSummary;
import org.apache.spark.mllib.stat.Statistics;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A patch set on Spark: digits {@code [0, digits)} of a {@link PatchSource} split into contiguous ranges, one per
 * partition, each cut into patch vectors by the executor that runs it; persisted MEMORY_AND_DISK (what does not
 * fit the executors' memory goes to their local disks), counted once with the per-pixel variances.
 */
final class SparkPatches implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SparkPatches.class);

    private final JavaRDD<Vector> vectors;
    private final long count;
    private final double meanVariance;

    private SparkPatches(JavaRDD<Vector> vectors, long count, double meanVariance) {
        this.vectors = vectors;
        this.count = count;
        this.meanVariance = meanVariance;
    }

    /** Cuts, persists and counts the patches of digits {@code [0, digits)} in {@code partitions} partitions. */
    static SparkPatches cut(JavaSparkContext context, PatchSource source, int digits, int partitions) {
        long t0 = System.nanoTime();
        int n = Math.max(1, Math.min(partitions, digits));
        List<int[]> ranges = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            ranges.add(new int[] {(int) ((long) digits * i / n), (int) ((long) digits * (i + 1) / n)});
        }
        JavaRDD<Vector> vectors = context.parallelize(ranges, n).flatMap(r -> source.patches(r[0], r[1]))
                .persist(StorageLevel.MEMORY_AND_DISK());
        MultivariateStatisticalSummary stats = Statistics.colStats(vectors.rdd());
        double[] variance = stats.variance().toArray();
        double mean = 0;
        for (double v : variance) {
            mean += v / variance.length;
        }
        LOG.info("patches_total = {} training patches of {} digits{} (cut by the executors: {} partitions, {} s)",
                stats.count(), digits, source.copies() > 0 ? " x " + (source.copies() + 1) + " versions" : "",
                n, String.format(Locale.ROOT, "%.4g", (System.nanoTime() - t0) / 1e9));
        return new SparkPatches(vectors, stats.count(), mean);
    }

    /** MLlib's init mode for the config's {@code kmeans.init}: k-means++ becomes its parallel k-means||. */
    static String initMode(String init) {
        return init.equals("random") ? KMeans.RANDOM() : KMeans.K_MEANS_PARALLEL();
    }

    /**
     * MLlib's epsilon for the nd4j engine's {@code tol}: that engine stops when the centroids' total squared shift
     * falls to {@code tol} x the mean per-pixel variance (scikit-learn's rule); MLlib when no centroid moves more
     * than epsilon. With epsilon = sqrt(tol x mean variance) MLlib stops no later than the nd4j rule would.
     */
    double epsilon(double tol) {
        return Math.sqrt(tol * meanVariance);
    }

    JavaRDD<Vector> vectors() {
        return vectors;
    }

    long count() {
        return count;
    }

    @Override
    public void close() {
        vectors.unpersist(true); // blocking: a context stopped right after must not get its callbacks
    }
}
