package dev.latentlab.spark;

import dev.latentlab.rng.RandomStreams;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.ml.clustering.KMeans;
import org.apache.spark.ml.clustering.KMeansModel;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * {@code spark.solver: mllib}, the pure-library baseline: Spark ML's DataFrame {@link KMeans} (Spark 3.4+) with
 * solver {@code block} (rows grouped into blocks of at most {@code maxBlockSizeInMB}, distances by BLAS gemm,
 * SPARK-30661) on an {@code array<float>} column read from the cached float blocks, k-means|| initialisation; then
 * one pass that counts each centroid's points and sums the squared error against the final centroids (the model's
 * training cost is that of the centroids before the last update). Not Spark's random init: in 3.5 it drops repeated
 * picks (patches repeat: the all-255 patch) and the block solver then fails with fewer centres than K.
 */
final class MllibBlockKMeans {
    /** The features column. */
    private static final String FEATURES = "features";

    private MllibBlockKMeans() {
    }

    /**
     * The options of a fit.
     *
     * @param k       clusters (>= 2: Spark ML's KMeans needs K > 1)
     * @param maxIter the most Lloyd iterations
     * @param tol     converged when no centroid moves farther than this (Euclidean distance)
     * @param seed    the seed of the initialisation
     */
    record Options(int k, int maxIter, double tol, long seed) {
    }

    /**
     * A fitted dictionary.
     *
     * @param centroids    K x D, row-major
     * @param counts       points per centroid
     * @param squaredError the sum of squared distances of the points to their nearest final centroid
     * @param points       the number of points
     * @param iterations   Lloyd iterations run
     * @param converged    whether the fit stopped before {@code maxIter}
     * @param fitSeconds   wall time of the fit, initialisation and the counting pass included
     */
    record Result(float[] centroids, long[] counts, double squaredError, long points, int iterations,
                  boolean converged, double fitSeconds) {
    }

    /** Spark ML's initialisation, its parallel k-means++ (Bahmani et al. 2012). */
    static final String INIT = "k-means||";

    /** Fits {@code options.k()} centroids to the rows of {@code blocks} (each {@code rows x dim} floats). */
    static Result fit(JavaRDD<float[]> blocks, int dim, Options options) {
        long start = System.nanoTime();
        KMeansModel model = train(blocks, dim, options);
        Vector[] centers = model.clusterCenters();
        if (centers.length != options.k()) {
            throw new IllegalStateException("Spark ML's KMeans returned " + centers.length + " centroids for K = "
                    + options.k() + " (its k-means|| initialisation found fewer distinct patches than K)");
        }
        float[] centroids = new float[centers.length * dim];
        for (int c = 0; c < centers.length; c++) {
            double[] v = centers[c].toArray();
            for (int d = 0; d < dim; d++) {
                centroids[c * dim + d] = (float) v[d];
            }
        }
        int iterations = model.summary().numIter();
        Tally tally = blocks.map(b -> Tally.of(centroids, dim, b)).reduce(Tally::merge);
        return new Result(centroids, tally.counts, tally.squaredError, tally.points, iterations,
                iterations < options.maxIter(), (System.nanoTime() - start) / 1e9);
    }

    /** Spark ML's model for the rows, without the counting pass. */
    static KMeansModel train(JavaRDD<float[]> blocks, int dim, Options options) {
        SparkSession session = SparkSession.builder().getOrCreate(); // the running context
        StructType schema = new StructType().add(FEATURES, DataTypes.createArrayType(DataTypes.FloatType, false), false);
        JavaRDD<Row> rows = blocks.flatMap(b -> {
            List<Row> out = new ArrayList<>(b.length / dim);
            for (int at = 0; at < b.length; at += dim) {
                out.add(RowFactory.create((Object) java.util.Arrays.copyOfRange(b, at, at + dim)));
            }
            return out.iterator();
        });
        Dataset<Row> frame = session.createDataFrame(rows, schema);
        return new KMeans().setFeaturesCol(FEATURES).setSolver("block").setK(options.k())
                .setInitMode(INIT).setMaxIter(options.maxIter()).setTol(options.tol())
                .setSeed(RandomStreams.seed(options.seed(), "kmeans")).fit(frame);
    }

    /** Points per centroid and squared error (nearest centroid by plain float64 distances) of one block, merged. */
    private record Tally(long[] counts, double squaredError, long points) implements Serializable {
        static Tally of(float[] centroids, int dim, float[] block) {
            int k = centroids.length / dim;
            long[] counts = new long[k];
            double error = 0;
            int n = block.length / dim;
            for (int r = 0; r < n; r++) {
                int best = 0;
                double bestDist = Double.POSITIVE_INFINITY;
                for (int c = 0; c < k; c++) {
                    double dist = 0;
                    for (int d = 0; d < dim; d++) {
                        double diff = (double) block[r * dim + d] - centroids[c * dim + d];
                        dist += diff * diff;
                    }
                    if (dist < bestDist) {
                        bestDist = dist;
                        best = c;
                    }
                }
                counts[best]++;
                error += bestDist;
            }
            return new Tally(counts, error, n);
        }

        Tally merge(Tally other) {
            long[] sum = counts.clone();
            for (int i = 0; i < sum.length; i++) {
                sum[i] += other.counts[i];
            }
            return new Tally(sum, squaredError + other.squaredError, points + other.points);
        }
    }
}
