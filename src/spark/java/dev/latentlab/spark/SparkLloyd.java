package dev.latentlab.spark;

import dev.latentlab.rng.RandomStreams;
import java.io.Serializable;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.mllib.clustering.KMeans;
import org.apache.spark.mllib.clustering.KMeansModel;
import org.apache.spark.mllib.linalg.Vector;
import org.apache.spark.mllib.linalg.Vectors;

/**
 * Lloyd's k-means on a Spark RDD of vectors with MLlib's {@link KMeans} (k-means|| or random init), then one pass
 * that counts each centroid's points and sums the squared error against the final centroids (MLlib's own cost is
 * that of the centroids before the last update). Takes vectors and options; no config, files or console.
 */
final class SparkLloyd {
    private SparkLloyd() {
    }

    /**
     * The options of a fit.
     *
     * @param k        clusters
     * @param init     {@link KMeans#K_MEANS_PARALLEL()} or {@link KMeans#RANDOM()}
     * @param maxIter  the most Lloyd iterations
     * @param epsilon  converged when no centroid moves farther than this (Euclidean distance)
     * @param seed     the seed of the initialisation
     */
    record Options(int k, String init, int maxIter, double epsilon, long seed) {
    }

    /**
     * A fitted dictionary.
     *
     * @param centroids     K x D, row-major
     * @param counts        points per centroid
     * @param squaredError  the sum of squared distances of the points to their nearest final centroid
     * @param points        the number of points
     * @param iterations    Lloyd iterations run
     * @param converged     whether MLlib stopped before {@code maxIter} (no centroid moved more than epsilon)
     * @param fitSeconds    wall time of the fit, initialisation and the counting pass included
     */
    record Result(float[] centroids, long[] counts, double squaredError, long points, int iterations,
                  boolean converged, double fitSeconds) {
    }

    /** Fits {@code options.k()} centroids to the (persisted) vectors. */
    static Result fit(JavaRDD<Vector> data, Options options) {
        long start = System.nanoTime();
        KMeansModel model = train(data, options);
        Vector[] centers = model.clusterCenters();
        if (centers.length != options.k()) {
            throw new IllegalStateException("MLlib returned " + centers.length + " centroids for K = " + options.k()
                    + " (k-means|| found fewer distinct patches than K)");
        }
        int iterations = model.numIter();
        Tally tally = data.mapPartitions(points -> List.of(Tally.of(model, points)).iterator()).reduce(Tally::merge);
        int dim = centers[0].size();
        float[] centroids = new float[centers.length * dim];
        for (int c = 0; c < centers.length; c++) {
            double[] v = centers[c].toArray();
            for (int d = 0; d < dim; d++) {
                centroids[c * dim + d] = (float) v[d];
            }
        }
        return new Result(centroids, tally.counts, tally.squaredError, tally.points, iterations,
                iterations < options.maxIter(), (System.nanoTime() - start) / 1e9);
    }

    /** MLlib's model for the vectors, without the counting pass. */
    static KMeansModel train(JavaRDD<Vector> data, Options options) {
        KMeans kmeans = new KMeans().setK(options.k()).setInitializationMode(options.init())
                .setMaxIterations(options.maxIter()).setEpsilon(options.epsilon()).setSeed(RandomStreams.seed(options.seed(), "kmeans"));
        if (options.init().equals(KMeans.RANDOM())) {
            kmeans.setInitialModel(new KMeansModel(distinctSample(data, options.k(), options.seed())));
        }
        return kmeans.run(data.rdd());
    }

    /**
     * K distinct random points. MLlib's own random init drops duplicate samples and then fits fewer than K
     * centroids; patches repeat often (the all-255 patch), so this draws more and keeps K distinct ones.
     */
    private static Vector[] distinctSample(JavaRDD<Vector> data, int k, long seed) {
        for (int draw = 2 * k; ; draw *= 4) {
            Vector[] distinct = data.takeSample(false, draw, seed).stream().distinct().limit(k).toArray(Vector[]::new);
            if (distinct.length == k) {
                return distinct;
            }
            if (draw >= data.count()) {
                throw new IllegalStateException("only " + distinct.length + " distinct patches for K = " + k);
            }
        }
    }

    /** Points per centroid and squared error of one partition, merged across partitions. */
    private record Tally(long[] counts, double squaredError, long points) implements Serializable {
        static Tally of(KMeansModel model, Iterator<Vector> points) {
            Vector[] centers = model.clusterCenters();
            long[] counts = new long[centers.length];
            double error = 0;
            long n = 0;
            while (points.hasNext()) {
                Vector p = points.next();
                int c = model.predict(p);
                counts[c]++;
                error += Vectors.sqdist(p, centers[c]);
                n++;
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
