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
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bench kmeans}: the k-means assignment speed on real MNIST patches, as one JSON line. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks (print one JSON line).",
        subcommands = BenchCommand.KMeans.class)
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
                line.put("peak_rss_mb", peakRssMb());
                System.out.println(json.writeValueAsString(line));
            }
            return ExitCode.OK;
        }

        /** Peak resident set size of this process (VmHWM), -1 where /proc is not available. */
        private static long peakRssMb() {
            try {
                for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                    if (line.startsWith("VmHWM:")) {
                        return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
                    }
                }
            } catch (IOException | NumberFormatException e) {
                return -1;
            }
            return -1;
        }
    }
}
