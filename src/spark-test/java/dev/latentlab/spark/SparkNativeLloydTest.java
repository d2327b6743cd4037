package dev.latentlab.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.latentlab.clustering.BruteForce;
import dev.latentlab.clustering.ClusterSums;
import dev.latentlab.clustering.IterationListener;
import dev.latentlab.clustering.IterationStats;
import dev.latentlab.clustering.KMeansOptions;
import dev.latentlab.clustering.KMeansResult;
import dev.latentlab.clustering.Lloyd;
import dev.latentlab.clustering.PointBlocks;
import dev.latentlab.config.SparkConfig;
import dev.latentlab.data.MnistFile;
import dev.latentlab.data.MnistFiles;
import dev.latentlab.data.MnistFixtures;
import dev.latentlab.patches.PatchExtractor;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code spark.solver: native} on a real standalone cluster (a master and two one-core workers, each its own JVM,
 * the application jar with the fused kernel shipped to the executors): the patches cut into float blocks in the
 * nd4j engine's row order, one assignment pass against a float64 brute force, and whole Lloyd fits against the
 * nd4j engine's from the same seed.
 */
@Timeout(value = 540, unit = TimeUnit.SECONDS) // the cluster's start-up on a loaded machine (see SparkEngineCliTest)
class SparkNativeLloydTest {
    static final int DIGITS = 40;

    @TempDir
    static Path tmp;
    static LocalStandaloneCluster cluster;
    static JavaSparkContext context;
    static SparkPatchBlocks blocks;
    static PointBlocks matrix;
    static float[] rows;

    @BeforeAll
    static void startClusterAndCut() throws Exception {
        cluster = LocalStandaloneCluster.start(tmp.resolve("cluster"), 2, 1, "1g");
        context = SparkContexts.start(new SparkConfig(cluster.masterUrl(), 3, "512m",
                Map.of("spark.driver.host", "127.0.0.1", "spark.driver.bindAddress", "127.0.0.1")), "native-test");
        Path file = MnistFiles.find(MnistFixtures.dir(), MnistFile.TRAIN_IMAGES).orElseThrow();
        blocks = SparkPatchBlocks.cut(context, new PatchSource(file.toAbsolutePath().toString(), 5, 1, true, 0, 1),
                DIGITS, 3);
        matrix = new PatchExtractor(5, 1).extract(MnistFiles.train(MnistFixtures.dir()).head(DIGITS), true);
        rows = BruteForce.rows(matrix);
    }

    @AfterAll
    static void stop() {
        if (blocks != null) {
            blocks.close();
        }
        if (context != null) {
            context.stop();
        }
        if (matrix != null) {
            matrix.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void blocksHoldThePatchesInTheNd4jEnginesOrder() {
        assertThat(blocks.rows()).isEqualTo(matrix.rows()).isGreaterThan(SparkPatchBlocks.BLOCK_ROWS);
        assertThat(blocks.copyRows(LongStream.range(0, matrix.rows()).toArray())).isEqualTo(rows);
        assertThat(blocks.copyRows(new long[] {7, 3, 7, matrix.rows() - 1}))
                .isEqualTo(matrix.copyRows(new long[] {7, 3, 7, matrix.rows() - 1}));
        assertThat(blocks.meanVariance()).isCloseTo(matrix.meanVariance(), within(1e-9 * matrix.meanVariance()));
    }

    @Test
    void anAssignmentPassEqualsAFloat64BruteForce() {
        int k = 37;
        int n = rows.length / 25;
        float[] centroids = new float[k * 25];
        for (int c = 0; c < k; c++) {
            for (int d = 0; d < 25; d++) {
                // Patches spread over the set, every other one moved off the data by a fraction.
                centroids[c * 25 + d] = rows[(int) ((long) c * (n - 1) / (k - 1)) * 25 + d] + (c % 2) * 3.37f;
            }
        }
        BruteForce.Assignment expected = BruteForce.assign(rows, centroids, 25);
        ClusterSums got = blocks.assign(centroids, true);
        long[] counts = new long[k];
        double[] sums = new double[k * 25];
        for (int i = 0; i < n; i++) {
            int label = expected.labels()[i];
            counts[label]++;
            for (int d = 0; d < 25; d++) {
                sums[label * 25 + d] += rows[i * 25 + d];
            }
        }
        // Equal counts and per-centroid sums over these patches: the executors' labels are the brute force's.
        assertThat(got.counts()).isEqualTo(counts);
        for (int i = 0; i < sums.length; i++) {
            assertThat(got.sums()[i]).isCloseTo(sums[i], within(1e-9 * Math.max(1, sums[i])));
        }
        double mse = got.squaredError() / ((double) n * 25);
        double expectedMse = expected.total() / ((double) n * 25);
        assertThat(mse).isCloseTo(expectedMse, within(1e-9 * expectedMse));
        assertThat(blocks.assign(centroids, false).sums()).containsOnly(0.0);
    }

    @Test
    void lloydOnTheClusterGivesTheNd4jEnginesCentroidsFromTheSameSeed() {
        int emptyReseeded = 0;
        for (KMeansOptions options : new KMeansOptions[] {
                new KMeansOptions(16, KMeansOptions.Init.KMEANS_PLUS_PLUS, 25, 1e-4, 5_000, 256, 10, 42, 2, 0),
                new KMeansOptions(200, KMeansOptions.Init.RANDOM, 8, 1e-4, 200_000, 256, 10, 11, 2, 0)}) {
            KMeansResult nd4j = Lloyd.fit(matrix, options, IterationListener.NONE);
            KMeansResult spark = Lloyd.fit(blocks, options, IterationListener.NONE);
            assertThat(spark.iterations()).isEqualTo(nd4j.iterations());
            assertThat(spark.converged()).isEqualTo(nd4j.converged());
            assertThat(spark.counts()).isEqualTo(nd4j.counts());
            for (int i = 0; i < nd4j.centroids().length; i++) {
                assertThat(spark.centroids()[i]).as("K=%d, centroid %d", options.k(), i / 25)
                        .isCloseTo(nd4j.centroids()[i], within(1e-4f));
            }
            assertThat(spark.mse()).isCloseTo(nd4j.mse(), within(1e-9 * nd4j.mse()));
            for (int it = 0; it < nd4j.history().size(); it++) {
                IterationStats a = nd4j.history().get(it);
                assertThat(spark.history().get(it).emptyClusters()).isEqualTo(a.emptyClusters());
                emptyReseeded += a.emptyClusters();
            }
        }
        assertThat(emptyReseeded).as("the random init re-seeds empty clusters").isPositive();
    }
}
