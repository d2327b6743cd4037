package dev.latentlab.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.latentlab.BadInputException;
import dev.latentlab.clustering.AssignmentBenchmark;
import dev.latentlab.clustering.FmaPeak;
import dev.latentlab.clustering.KMeansOptions;
import dev.latentlab.clustering.NearestCentroidSearch;
import dev.latentlab.clustering.PointBlocks;
import dev.latentlab.config.OptionNames;
import dev.latentlab.config.SparkConfig;
import dev.latentlab.data.ImageSet;
import dev.latentlab.data.ImageTensors;
import dev.latentlab.data.LatentsNpz;
import dev.latentlab.data.MnistFetcher;
import dev.latentlab.data.MnistFiles;
import dev.latentlab.mixture.CovarianceType;
import dev.latentlab.mixture.GaussianMixture;
import dev.latentlab.mixture.GmmOptions;
import dev.latentlab.patches.PatchExtractor;
import dev.latentlab.task.dictionary.SparkBackend;
import dev.latentlab.vae.DenseArchitecture;
import dev.latentlab.vae.ModelArchitecture;
import dev.latentlab.vae.ReconstructionLoss;
import dev.latentlab.vae.TrainingStepBenchmark;
import dev.latentlab.vae.VaeArchitecture;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.nd4j.linalg.api.ndarray.INDArray;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench kmeans}: the k-means assignment speed on real MNIST patches; {@code bench vae}: VAE training steps;
 * {@code bench gmm}: a Gaussian mixture fit on an .npz matrix; {@code bench spark-kmeans}: the Spark engine's Lloyd
 * iterations (native kernel or Spark ML) on patches cut by Spark executors. Each prints one JSON line.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Runs a benchmark and prints its figures as one JSON line.",
        subcommands = {BenchCommand.KMeans.class, BenchCommand.Vae.class, BenchCommand.Gmm.class,
                BenchCommand.SparkKMeans.class, LoadingBench.class, NoveltyBench.class})
final class BenchCommand {

    /** {@code bench kmeans --digits 60000 --k 1000 --threads 2}. */
    @Command(name = "kmeans", mixinStandardHelpOptions = true,
            description = {"Times the k-means assignment step and Lloyd iterations on MNIST patches.",
                    "The assignment step (fused native kernel, and ND4J tiled GEMM + argmin) is timed against plain "
                            + "ND4J sgemm of the same shape, with seconds per Lloyd iteration, on the non-blank 5x5 "
                            + "patches of the first --digits MNIST training digits; with --sklearn, scikit-learn's "
                            + "Lloyd iteration on the same patches before it."})
    static final class KMeans implements Callable<Integer> {
        @Option(names = "--digits", paramLabel = "N",
                description = "MNIST training digits to cut into patches (default: ${DEFAULT-VALUE}).")
        private int digits = 60_000;

        @Option(names = "--k", paramLabel = "N", description = "Number of centroids (default: ${DEFAULT-VALUE}).")
        private int k = 1000;

        @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: all cores).")
        private int threads = Runtime.getRuntime().availableProcessors();

        @Option(names = "--tile-rows", paramLabel = "N", description = "Rows per distance tile, 0 = automatic (default: ${DEFAULT-VALUE}).")
        private int tileRows;

        @Option(names = "--repeats", paramLabel = "N", description = "Timings of each step; the best is kept (default: ${DEFAULT-VALUE}).")
        private int repeats = 2;

        @Option(names = "--lloyd-iterations", paramLabel = "N", description = "Lloyd iterations to time, 0 to skip (default: ${DEFAULT-VALUE}).")
        private int lloydIterations = 2;

        @Option(names = "--gemm-lloyd", description = "Also time the Lloyd iterations with the GEMM + argmin kernel.")
        private boolean gemmLloyd;

        @Option(names = "--minibatch", description = "Also time a mini-batch k-means fit with each kernel.")
        private boolean minibatch;

        @Option(names = "--sklearn", description = "Also time scikit-learn's Lloyd iteration on the same patches, "
                + "first (src/bench/python/sklearn_lloyd.py; Debian: apt-get install python3-sklearn).")
        private boolean sklearn;

        @Option(names = "--python", paramLabel = "FILE", description = "Python with scikit-learn for --sklearn (default: ${DEFAULT-VALUE}).")
        private String python = "/usr/bin/python3";

        @Option(names = "--isa", paramLabel = "auto|avx512|avx2|scalar", description = "The fused kernel's "
                + "instruction set: auto (the best this CPU has) or a slower one, to measure it on a faster CPU "
                + "(default: ${DEFAULT-VALUE}). The sgemm baseline is oneDNN's, which picks its own; the "
                + "environment variable DNNL_MAX_CPU_ISA (e.g. AVX2) caps it.")
        private String isa = "auto";

        @picocli.CommandLine.Mixin
        private MnistDirOption dataDir = new MnistDirOption();

        @Override
        public Integer call() throws IOException {
            isa = Choice.of("--isa", isa, "auto", "avx512", "avx2", "scalar");
            if (!NearestCentroidSearch.useInstructionSet(isa)) {
                throw new BadInputException("bench kmeans: --isa " + isa + ": this CPU lacks it (it has "
                        + NearestCentroidSearch.INSTRUCTION_SETS.stream().filter(NearestCentroidSearch::useInstructionSet)
                        .toList() + ")");
            }
            if (digits < 1 || k < 1 || threads < 1 || tileRows < 0 || repeats < 1 || lloydIterations < 0) {
                throw new BadInputException("bench kmeans: --digits, --k, --threads and --repeats must be >= 1, "
                        + "--tile-rows and --lloyd-iterations >= 0");
            }
            if (sklearn) {
                SklearnLloyd.checkInstalled(python);
            }
            new MnistFetcher().fetchIfMissing(dataDir.value());
            // scikit-learn first: its copy of the patches is gone before ours is made (a run with both at once was
            // killed for memory on the shared machine)
            AssignmentBenchmark.Seconds sk = null;
            if (sklearn) {
                sk = SklearnLloyd.perIteration(python, dataDir.value(), digits, k, Math.max(1, lloydIterations));
            }
            ImageSet train = MnistFiles.train(dataDir.value()).head(digits);
            try (PointBlocks x = new PatchExtractor(5, 1).extract(train, true)) {
                if (x.rows() < k) {
                    throw new BadInputException("bench kmeans: --k " + k + " is more than the " + x.rows() + " patches");
                }
                AssignmentBenchmark.Result result = AssignmentBenchmark.run(x, new AssignmentBenchmark.Options(k,
                        threads, tileRows, repeats, lloydIterations, gemmLloyd, minibatch, 42L));
                ObjectMapper json = new ObjectMapper();
                ObjectNode line = json.valueToTree(result);
                line.put("digits", train.count());
                FmaPeak.Peak peak = FmaPeak.measure(result.threads());
                if (peak != null) {
                    line.set("fma_peak", json.valueToTree(peak));
                    line.put("assign_share_of_peak", result.assignGflops() / peak.gflops());
                    line.put("sgemm_share_of_peak", result.sgemmGflops() / peak.gflops());
                }
                // ND4J's gemm runs oneDNN's jit matmul, whose instruction set only this variable caps (read at start)
                line.put("sgemm_isa_cap", System.getenv().getOrDefault("DNNL_MAX_CPU_ISA", "none"));
                line.put("peak_rss_mb", PeakMemory.residentMb());
                if (sk != null) {
                    line.set("sklearn_per_iteration", json.valueToTree(sk));
                    AssignmentBenchmark.Seconds ours = result.lloydPerIteration();
                    if (ours != null) {
                        line.put("lloyd_vs_sklearn", ours.wall() / sk.wall());
                        line.put("lloyd_vs_sklearn_cpu", ours.cpu() / sk.cpu());
                    }
                }
                System.out.println(json.writeValueAsString(line));
            }
            return ExitCode.OK;
        }
    }

    /** {@code bench vae --batch 128 --steps 20}: seconds per VAE training step and per epoch of digits 1/4/8. */
    @Command(name = "vae", mixinStandardHelpOptions = true,
            description = {"Times training steps of the default conv VAE, or of N2D's dense autoencoder, on real MNIST digits.",
                    "The steps (Adam, dropout on for the conv VAE) are timed after a warm-up; the epoch estimate is "
                            + "for the 80%% training split of the chosen digits. With --dense, the dense autoencoder "
                            + "with those hidden layers is timed instead (a plain autoencoder, MSE, no dropout)."})
    static final class Vae implements Callable<Integer> {
        @Option(names = "--batch", paramLabel = "N", description = "Batch size (default: ${DEFAULT-VALUE}).")
        private int batch = 128;

        @Option(names = "--steps", paramLabel = "N", description = "Timed steps (default: ${DEFAULT-VALUE}).")
        private int steps = 20;

        @Option(names = "--warmup", paramLabel = "N", description = "Untimed steps first (default: ${DEFAULT-VALUE}).")
        private int warmup = 3;

        @Option(names = "--digits", split = ",", paramLabel = "N", description = "Digits (default: 1,4,8).")
        private java.util.List<Integer> digits = java.util.List.of(1, 4, 8);

        @picocli.CommandLine.Mixin
        private MnistDirOption dataDir = new MnistDirOption();

        @Option(names = "--dense", split = ",", paramLabel = "N",
                description = "Time the dense autoencoder with these hidden layers, e.g. 500,500,2000 (default: the conv VAE).")
        private java.util.List<Integer> dense = java.util.List.of();

        @Option(names = "--latent", paramLabel = "N", description = "Latent dimension (default: 2 for the conv VAE, 10 with --dense).")
        private Integer latent;

        private ModelArchitecture architecture() {
            try {
                if (dense.isEmpty()) {
                    return latent == null ? VaeArchitecture.DEFAULT : VaeArchitecture.DEFAULT.withLatentDim(latent);
                }
                return new DenseArchitecture(28, 28, 1, dense, latent == null ? 10 : latent, 0, 0, false,
                        ReconstructionLoss.MSE);
            } catch (IllegalArgumentException e) {
                throw new BadInputException("bench vae: " + e.getMessage());
            }
        }

        @Override
        public Integer call() throws IOException {
            if (batch < 1 || steps < 1 || warmup < 0) {
                throw new BadInputException("bench vae: --batch and --steps must be >= 1, --warmup >= 0");
            }
            ModelArchitecture architecture = architecture();
            new MnistFetcher().fetchIfMissing(dataDir.value());
            ImageSet images = MnistFiles.train(dataDir.value()).withLabels(digits);
            long trainImages = Math.round(images.count() * 0.8);
            int used = Math.min(images.count(), Math.max(batch, 2048));
            TrainingStepBenchmark.Result r;
            try (INDArray x = ImageTensors.unit(images.head(used))) {
                r = TrainingStepBenchmark.run(architecture, x, batch, warmup, steps, 42L);
            }
            System.out.println(new ObjectMapper().writeValueAsString(new Line(dense.isEmpty() ? "conv" : "dense " + dense,
                    r.batchSize(), r.timedSteps(), r.medianSeconds(), r.meanSeconds(), r.minSeconds(),
                    r.medianSeconds() / r.batchSize(), trainImages, r.epochSeconds(trainImages),
                    Runtime.getRuntime().availableProcessors(), PeakMemory.residentMb())));
            return ExitCode.OK;
        }

        /** The printed line. */
        @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
        private record Line(String model, int batch, int timedSteps, double medianStepSeconds, double meanStepSeconds,
                            double minStepSeconds, double medianSecondsPerImage, long trainImages,
                            double epochSecondsEstimate, int threads, long peakRssMb) {
        }
    }

    /** {@code bench gmm --npz x.npz --key x --k 3 --n-init 3}: EM fit seconds and log-likelihood. */
    @Command(name = "gmm", mixinStandardHelpOptions = true,
            description = {"Times Gaussian mixture fits on the rows of a float matrix in an .npz file.",
                    "The mixture has scikit-learn's GaussianMixture semantics; it is fitted --warmup times untimed, "
                            + "then --repeats times timed. Prints the fastest fit's seconds and the mean "
                            + "log-likelihood of the data under the fitted mixture."})
    static final class Gmm implements Callable<Integer> {
        @Option(names = "--npz", required = true, paramLabel = "FILE", description = "The .npz holding the matrix.")
        private Path npz;

        @Option(names = "--key", paramLabel = "KEY", description = "The float [n, d] array in the .npz (default: ${DEFAULT-VALUE}).")
        private String key = "train_mu";

        @Option(names = "--k", paramLabel = "N", description = "Components (default: ${DEFAULT-VALUE}).")
        private int k = 3;

        @Option(names = "--n-init", paramLabel = "N", description = "Initialisations, the best lower bound kept (default: ${DEFAULT-VALUE}).")
        private int nInit = 1;

        @Option(names = "--init", paramLabel = "NAME", description = "kmeans, k-means++, random or random_from_data (default: ${DEFAULT-VALUE}).")
        private String init = "kmeans";

        @Option(names = "--covariance", paramLabel = "full|diag|spherical", description = "The covariance type (default: ${DEFAULT-VALUE}).")
        private String covariance = "full";

        @Option(names = "--tol", paramLabel = "X", description = "Lower-bound change that stops EM (default: ${DEFAULT-VALUE}).")
        private double tol = 1e-3;

        @Option(names = "--max-iter", paramLabel = "N", description = "EM iterations per initialisation (default: ${DEFAULT-VALUE}).")
        private int maxIter = 100;

        @Option(names = "--reg-covar", paramLabel = "X", description = "Added to covariance diagonals (default: ${DEFAULT-VALUE}).")
        private double regCovar = 1e-6;

        @Option(names = "--seed", paramLabel = "N", description = "Seed (default: ${DEFAULT-VALUE}).")
        private long seed;

        @Option(names = "--repeats", paramLabel = "N", description = "Timed fits; the fastest is reported (default: ${DEFAULT-VALUE}).")
        private int repeats = 3;

        @Option(names = "--warmup", paramLabel = "N", description = "Untimed fits first, for the JIT (default: ${DEFAULT-VALUE}).")
        private int warmup = 1;

        @Override
        public Integer call() throws IOException {
            GmmOptions.Init method = GmmOptions.Init.fromSklearnName(init.toLowerCase(Locale.ROOT));
            CovarianceType type = CovarianceType.fromSklearnName(covariance.toLowerCase(Locale.ROOT));
            if (method == null || type == null || k < 1 || nInit < 1 || maxIter < 1 || repeats < 1 || warmup < 0
                    || !(tol >= 0) || !(regCovar >= 0)) {
                throw new BadInputException("bench gmm: --init must be one of " + String.join(", ",
                        GmmOptions.Init.sklearnNames()) + ", --covariance full, diag or spherical, --k, --n-init, "
                        + "--max-iter and --repeats >= 1, --tol, --reg-covar and --warmup >= 0");
            }
            double[][] x = LatentsNpz.readMatrix(npz, key);
            if (x.length < k) {
                throw new BadInputException("bench gmm: --k " + k + " is more than the " + x.length + " rows of " + key);
            }
            GmmOptions options = new GmmOptions(k, type, maxIter, tol, regCovar, nInit, method, seed);
            for (int w = 0; w < warmup; w++) {
                GaussianMixture.fit(x, options);
            }
            GaussianMixture best = null;
            double fastest = Double.POSITIVE_INFINITY;
            for (int r = 0; r < repeats; r++) {
                long start = System.nanoTime();
                GaussianMixture fit = GaussianMixture.fit(x, options);
                fastest = Math.min(fastest, (System.nanoTime() - start) / 1e9);
                best = fit;
            }
            System.out.println(new ObjectMapper().writeValueAsString(new Line(x.length, x[0].length, k, nInit,
                    method.sklearnName(), type.sklearnName(), best.meanLogLikelihood(), best.lowerBound(),
                    best.iterations(), best.converged(), fastest, repeats, warmup,
                    Runtime.getRuntime().availableProcessors())));
            return ExitCode.OK;
        }

        /** The printed line. */
        @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
        private record Line(int n, int d, int k, int nInit, String init, String covariance, double meanLogLikelihood,
                            double lowerBound, int nIter, boolean converged, double seconds, int repeats, int warmup,
                            int threads) {
        }
    }

    /** {@code bench spark-kmeans --digits 60000 --k 1000 --iterations 2 --solver native --master local[2]}. */
    @Command(name = "spark-kmeans", mixinStandardHelpOptions = true,
            description = {"Times Lloyd iterations of the Spark engine on MNIST patches cut by the executors.",
                    "The patches are the non-blank 5x5 patches of the first --digits training digits, each with "
                            + "--copies shifted/rotated copies, cut and persisted by the executors as float blocks; "
                            + "--solver native runs the fused kernel on them, mllib Spark ML's block KMeans; the line "
                            + "says whether the nd4j engine could hold the same patches."})
    static final class SparkKMeans implements Callable<Integer> {
        @Option(names = "--digits", paramLabel = "N", description = "MNIST training digits (default: ${DEFAULT-VALUE}).")
        private int digits = 60_000;

        @Option(names = "--copies", paramLabel = "N", description = "Generated copies of each digit (default: ${DEFAULT-VALUE}).")
        private int copies;

        @Option(names = "--k", paramLabel = "N", description = "Number of centroids (default: ${DEFAULT-VALUE}).")
        private int k = 1000;

        @Option(names = "--iterations", paramLabel = "N", description = "Lloyd iterations timed (default: ${DEFAULT-VALUE}).")
        private int iterations = 2;

        @Option(names = "--init", paramLabel = "kmeans++|random", description = "The initialisation: kmeans++ "
                + "(native: the nd4j engine's k-means++ on 200,000 patches; mllib: Spark ML's k-means||; kmeans|| is "
                + "the same) or random (native only) (default: ${DEFAULT-VALUE}).")
        private String init = "kmeans++";

        @Option(names = "--solver", paramLabel = "native|mllib", description = "The Spark engine's solver "
                + "(spark.solver; default: ${DEFAULT-VALUE}).")
        private String solver = "native";

        @Option(names = "--master", paramLabel = "URL", description = "Spark master (default: ${DEFAULT-VALUE}).")
        private String master = "local[2]";

        @Option(names = "--partitions", paramLabel = "N", description = "Partitions, 0 = twice the default parallelism (default: ${DEFAULT-VALUE}).")
        private int partitions;

        @Option(names = "--conf", paramLabel = "KEY=VALUE", description = "Extra Spark settings, key=value (repeatable).")
        private java.util.Map<String, String> conf = new java.util.LinkedHashMap<>();

        @picocli.CommandLine.Mixin
        private MnistDirOption dataDir = new MnistDirOption();

        @Override
        public Integer call() throws IOException {
            KMeansOptions.Init seeding = switch (Choice.of("bench spark-kmeans: --init", init, "random", "kmeans++",
                    "kmeans||")) {
                case "random" -> KMeansOptions.Init.RANDOM;
                default -> KMeansOptions.Init.KMEANS_PLUS_PLUS;     // kmeans|| (Spark ML's name) is the same choice
            };
            SparkConfig.Solver spark = OptionNames.parse(SparkConfig.Solver.class,
                    Choice.of("bench spark-kmeans: --solver", solver, "native", "mllib"));
            if (digits < 1 || copies < 0 || k < 1 || iterations < 1 || partitions < 0
                    || (spark == SparkConfig.Solver.MLLIB && (k < 2 || seeding == KMeansOptions.Init.RANDOM))) {
                throw new BadInputException("bench spark-kmeans: --digits, --k and --iterations must be >= 1 "
                        + "(--solver mllib: --k >= 2 and --init kmeans++, as Spark 3.5's random init drops repeated "
                        + "patches and its block solver then fails), --copies and --partitions >= 0");
            }
            SparkBackend backend = SparkBackend.require("bench spark-kmeans");
            new MnistFetcher().fetchIfMissing(dataDir.value());
            Path file = MnistFiles.find(dataDir.value(), dev.latentlab.data.MnistFile.TRAIN_IMAGES).orElseThrow();
            int available = dev.latentlab.data.IdxImageRange.shape(file)[0];
            Record r = backend.benchmark(file, Math.min(digits, available), copies, k, iterations, seeding, spark,
                    master, partitions, conf, 42L);
            ObjectMapper json = new ObjectMapper();
            ObjectNode line = json.valueToTree(r);
            line.put("peak_rss_mb", PeakMemory.residentMb());
            System.out.println(json.writeValueAsString(line));
            return ExitCode.OK;
        }
    }
}
