package dev.latentlab.spark;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.latentlab.BadInputException;
import dev.latentlab.config.SparkConfig;
import dev.latentlab.dictionary.OffHeapBudget;
import dev.latentlab.report.Progress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.mllib.clustering.KMeans;

/**
 * {@code bench spark-kmeans}: MLlib Lloyd iterations on the patches of the first N training digits (optionally
 * with generated shifted/rotated copies of each, for a set larger than the heap), cut and persisted by the
 * executors; also whether the nd4j engine would hold the same set ({@link OffHeapBudget}).
 */
public final class SparkKMeansBenchmark {
    private SparkKMeansBenchmark() {
    }

    /** One benchmark line; {@code other_seconds}: the fit's time outside the Lloyd iterations (initialisation, MLlib's other jobs). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Result(
            String engine,
            String master,
            int digits,
            int copies,
            long patches,
            int partitions,
            int k,
            String init,
            int iterations,
            double cutAndPersistSeconds,
            double otherSeconds,
            List<Double> iterationSeconds,
            double firstIterationSeconds,
            double secondsPerIteration,
            long heapMaxMb,
            double nd4jOffheapGib,
            String nd4j) {
    }

    /**
     * Runs {@code iterations} Lloyd iterations (no early stop) after {@code init} on digits [0, digits) of {@code file}; the
     * seconds per iteration are the mean of the iterations after the first.
     */
    public static Result run(Path file, int digits, int copies, int k, int iterations, String init, String master,
                             int partitions, Map<String, String> conf, long seed) {
        SparkConfig settings = new SparkConfig(master, partitions, null, conf);
        JavaSparkContext context = SparkContexts.start(settings, "bench");
        LloydIterationClock clock = new LloydIterationClock();
        context.sc().addSparkListener(clock);
        try {
            int n = partitions > 0 ? partitions : 2 * context.defaultParallelism();
            long t0 = System.nanoTime();
            PatchSource source = new PatchSource(file.toAbsolutePath().toString(), 5, 1, true, copies, seed);
            try (SparkPatches patches = SparkPatches.cut(context, source, digits, n)) {
                double cut = (System.nanoTime() - t0) / 1e9;
                String nd4j;
                try {
                    OffHeapBudget.require(patches.count(), 25);
                    nd4j = "fits";
                } catch (BadInputException e) {
                    nd4j = "refused: " + e.getMessage();
                }
                String mode = init.equals("random") ? KMeans.RANDOM() : KMeans.K_MEANS_PARALLEL();
                List<Double> seconds;
                long t1 = System.nanoTime();
                try (Progress progress = Progress.start("spark K=" + k, iterations, "iterations")) {
                    clock.begin(progress);
                    try {
                        SparkLloyd.train(patches.vectors(), new SparkLloyd.Options(k, mode, iterations, 0, seed));
                    } finally {
                        seconds = clock.end();
                    }
                }
                double fit = (System.nanoTime() - t1) / 1e9;
                double sum = seconds.stream().mapToDouble(Double::doubleValue).sum();
                // The first iteration also computes and caches the vectors' norms: the later ones are the steady cost.
                double first = seconds.isEmpty() ? Double.NaN : seconds.get(0);
                double steady = seconds.size() < 2 ? first
                        : seconds.stream().skip(1).mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
                return new Result("spark", master, digits, copies, patches.count(), n, k, mode, seconds.size(), cut,
                        fit - sum, seconds, first, steady, Runtime.getRuntime().maxMemory() >> 20,
                        OffHeapBudget.bytes(patches.count(), 25) / (double) (1L << 30), nd4j);
            }
        } finally {
            context.stop();
        }
    }
}
