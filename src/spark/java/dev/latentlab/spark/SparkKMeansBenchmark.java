package dev.latentlab.spark;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.latentlab.BadInputException;
import dev.latentlab.clustering.IterationStats;
import dev.latentlab.clustering.KMeansOptions;
import dev.latentlab.clustering.Lloyd;
import dev.latentlab.config.OptionNames;
import dev.latentlab.config.SparkConfig;
import dev.latentlab.report.Progress;
import dev.latentlab.task.dictionary.OffHeapBudget;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * {@code bench spark-kmeans}: Lloyd iterations of the Spark engine's solver ({@code native}: the fused kernel on the
 * executors' cached float blocks; {@code mllib}: Spark ML's block KMeans) on the patches of the first N training
 * digits (optionally with generated shifted/rotated copies of each, for a set larger than the heap), cut and
 * persisted by the executors; also whether the nd4j engine would hold the same set ({@link OffHeapBudget}).
 */
public final class SparkKMeansBenchmark {
    private SparkKMeansBenchmark() {
    }

    /**
     * One benchmark line; {@code other_seconds}: the fit's time outside the Lloyd iterations (initialisation, the
     * solver's other jobs, native's final assignment pass).
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Result(
            String engine,
            String solver,
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
     * Runs {@code iterations} Lloyd iterations (no early stop) of {@code solver} after {@code init} ({@code random},
     * or {@code kmeans++}: the nd4j engine's k-means++ for native, k-means|| for mllib) on digits [0, digits) of
     * {@code file}; the seconds per iteration are the mean of the iterations after the first.
     */
    public static Result run(Path file, int digits, int copies, int k, int iterations, KMeansOptions.Init init,
                             SparkConfig.Solver solver, String master, int partitions, Map<String, String> conf,
                             long seed) {
        SparkDictionaryEngine.requireNativeKernel(solver, 25);
        SparkConfig settings = new SparkConfig(master, partitions, null, conf, solver);
        JavaSparkContext context = SparkContexts.start(settings, "bench");
        LloydIterationClock clock = new LloydIterationClock();
        context.sc().addSparkListener(clock);
        try {
            int n = partitions > 0 ? partitions : 2 * context.defaultParallelism();
            long t0 = System.nanoTime();
            PatchSource source = new PatchSource(file.toAbsolutePath().toString(), 5, 1, true, copies, seed);
            try (SparkPatchBlocks patches = SparkPatchBlocks.cut(context, source, digits, n)) {
                double cut = (System.nanoTime() - t0) / 1e9;
                String nd4j;
                try {
                    OffHeapBudget.require(patches.rows(), 25);
                    nd4j = "fits";
                } catch (BadInputException e) {
                    nd4j = "refused: " + e.getMessage();
                }
                boolean nativeSolver = solver == SparkConfig.Solver.NATIVE;
                String mode = nativeSolver ? OptionNames.of(init) : MllibBlockKMeans.INIT;
                List<Double> seconds = new ArrayList<>();
                long t1 = System.nanoTime();
                try (Progress progress = Progress.start("spark " + solver.configName() + " K=" + k, iterations,
                        "iterations")) {
                    if (nativeSolver) {
                        KMeansOptions options = new KMeansOptions(k, init, iterations, 0,
                                KMeansOptions.defaults(k).initSample(), 1, 1, seed, 1, 0);
                        Lloyd.fit(patches, options, (IterationStats s) -> {
                            seconds.add(s.seconds());
                            progress.step();
                        });
                    } else {
                        clock.begin(progress);
                        try {
                            MllibBlockKMeans.train(patches.blocks(), patches.dim(),
                                    new MllibBlockKMeans.Options(k, iterations, 0, seed));
                        } finally {
                            seconds.addAll(clock.end());
                        }
                    }
                }
                double fit = (System.nanoTime() - t1) / 1e9;
                double sum = seconds.stream().mapToDouble(Double::doubleValue).sum();
                // The first iteration also fills caches (mllib: blockifies the rows): the later ones are the steady cost.
                double first = seconds.isEmpty() ? Double.NaN : seconds.get(0);
                double steady = seconds.size() < 2 ? first
                        : seconds.stream().skip(1).mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
                return new Result("spark", solver.configName(), master, digits, copies, patches.rows(), n, k, mode, seconds.size(),
                        cut, fit - sum, seconds, first, steady, Runtime.getRuntime().maxMemory() >> 20,
                        OffHeapBudget.bytes(patches.rows(), 25) / (double) (1L << 30), nd4j);
            }
        } finally {
            context.stop();
        }
    }
}
