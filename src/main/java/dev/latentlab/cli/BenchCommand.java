package dev.latentlab.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.latentlab.BadInputException;
import dev.latentlab.data.ImageSet;
import dev.latentlab.data.MnistFetcher;
import dev.latentlab.data.MnistFiles;
import dev.latentlab.kmeans.AssignmentBenchmark;
import dev.latentlab.kmeans.PatchExtractor;
import dev.latentlab.kmeans.PatchMatrix;
import dev.latentlab.data.ImageTensors;
import dev.latentlab.vae.TrainingStepBenchmark;
import dev.latentlab.vae.VaeArchitecture;
import org.nd4j.linalg.api.ndarray.INDArray;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bench kmeans}: the k-means assignment speed on real MNIST patches, as one JSON line. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks (print one JSON line).",
        subcommands = {BenchCommand.KMeans.class, BenchCommand.Vae.class, LoadingBench.class})
final class BenchCommand {

    /** {@code bench kmeans --digits 60000 --k 1000 --threads 2}. */
    @Command(name = "kmeans", mixinStandardHelpOptions = true,
            description = {"Assignment step (tiled GEMM + argmin) vs plain ND4J sgemm of the same shape, and seconds",
                    "per Lloyd iteration, on the non-blank 5x5 patches of the first DIGITS MNIST training digits."})
    static final class KMeans implements Callable<Integer> {
        @Option(names = "--digits", description = "MNIST training digits to cut into patches (default: ${DEFAULT-VALUE}).")
        private int digits = 60_000;

        @Option(names = "--k", description = "Number of centroids (default: ${DEFAULT-VALUE}).")
        private int k = 1000;

        @Option(names = "--threads", description = "Worker threads (default: all cores).")
        private int threads = Runtime.getRuntime().availableProcessors();

        @Option(names = "--tile-rows", description = "Rows per distance tile, 0 = automatic (default: ${DEFAULT-VALUE}).")
        private int tileRows;

        @Option(names = "--repeats", description = "Timings of each step; the best is kept (default: ${DEFAULT-VALUE}).")
        private int repeats = 2;

        @Option(names = "--lloyd-iterations", description = "Lloyd iterations to time, 0 to skip (default: ${DEFAULT-VALUE}).")
        private int lloydIterations = 2;

        @Option(names = "--data", paramLabel = "DIR", description = "MNIST folder (default: ${DEFAULT-VALUE}); fetched when missing.")
        private Path dataDir = MnistFetcher.DEFAULT_DIR;

        @Override
        public Integer call() throws IOException {
            if (digits < 1 || k < 1 || threads < 1 || tileRows < 0 || repeats < 1 || lloydIterations < 0) {
                throw new BadInputException("bench kmeans: --digits, --k, --threads and --repeats must be >= 1, "
                        + "--tile-rows and --lloyd-iterations >= 0");
            }
            new MnistFetcher().fetchIfMissing(dataDir);
            ImageSet train = MnistFiles.train(dataDir).head(digits);
            try (PatchMatrix x = new PatchExtractor(5, 1).extract(train, true)) {
                if (x.rows() < k) {
                    throw new BadInputException("bench kmeans: --k " + k + " is more than the " + x.rows() + " patches");
                }
                AssignmentBenchmark.Result result = AssignmentBenchmark.run(x, k, threads, tileRows, repeats, lloydIterations, 42L);
                ObjectMapper json = new ObjectMapper();
                ObjectNode line = json.valueToTree(result);
                line.put("digits", train.count());
                line.put("peak_rss_mb", PeakMemory.residentMb());
                System.out.println(json.writeValueAsString(line));
            }
            return ExitCode.OK;
        }
    }

    /** {@code bench vae --batch 128 --steps 20}: seconds per VAE training step and per epoch of digits 1/4/8. */
    @Command(name = "vae", mixinStandardHelpOptions = true,
            description = {"Training steps of the default conv VAE (Adam, dropout on) on real MNIST digits, timed after",
                    "a warm-up; the epoch estimate is for the 80%% training split of the chosen digits."})
    static final class Vae implements Callable<Integer> {
        @Option(names = "--batch", description = "Batch size (default: ${DEFAULT-VALUE}).")
        private int batch = 128;

        @Option(names = "--steps", description = "Timed steps (default: ${DEFAULT-VALUE}).")
        private int steps = 20;

        @Option(names = "--warmup", description = "Untimed steps first (default: ${DEFAULT-VALUE}).")
        private int warmup = 3;

        @Option(names = "--digits", split = ",", description = "Digits (default: 1,4,8).")
        private java.util.List<Integer> digits = java.util.List.of(1, 4, 8);

        @Option(names = "--data", paramLabel = "DIR", description = "MNIST folder (default: ${DEFAULT-VALUE}); fetched when missing.")
        private Path dataDir = MnistFetcher.DEFAULT_DIR;

        @Override
        public Integer call() throws IOException {
            if (batch < 1 || steps < 1 || warmup < 0) {
                throw new BadInputException("bench vae: --batch and --steps must be >= 1, --warmup >= 0");
            }
            new MnistFetcher().fetchIfMissing(dataDir);
            ImageSet images = MnistFiles.train(dataDir).withLabels(digits);
            long trainImages = Math.round(images.count() * 0.8);
            int used = Math.min(images.count(), Math.max(batch, 2048));
            TrainingStepBenchmark.Result r;
            try (INDArray x = ImageTensors.unit(images.head(used))) {
                r = TrainingStepBenchmark.run(VaeArchitecture.DEFAULT, x, batch, warmup, steps, 42L);
            }
            ObjectMapper json = new ObjectMapper();
            ObjectNode line = json.createObjectNode();
            line.put("batch", r.batchSize());
            line.put("timed_steps", r.timedSteps());
            line.put("median_step_seconds", r.medianSeconds());
            line.put("mean_step_seconds", r.meanSeconds());
            line.put("min_step_seconds", r.minSeconds());
            line.put("train_images", trainImages);
            line.put("epoch_seconds_estimate", r.epochSeconds(trainImages));
            line.put("threads", Runtime.getRuntime().availableProcessors());
            line.put("peak_rss_mb", PeakMemory.residentMb());
            System.out.println(json.writeValueAsString(line));
            return ExitCode.OK;
        }
    }
}
