package dev.latentlab.spark;

import dev.latentlab.BadInputException;
import dev.latentlab.clustering.FloatBlockAssigner;
import dev.latentlab.config.PatchDictionaryConfig;
import dev.latentlab.config.SparkConfig;
import dev.latentlab.data.ImageSet;
import dev.latentlab.data.MnistFile;
import dev.latentlab.data.MnistFiles;
import dev.latentlab.patches.DictionaryFit;
import dev.latentlab.patches.DictionaryFitter;
import dev.latentlab.patches.DictionaryMethod;
import dev.latentlab.patches.PatchDictionary;
import dev.latentlab.patches.PatchExtractor;
import dev.latentlab.report.MetricsCsv;
import dev.latentlab.report.Progress;
import dev.latentlab.report.Significant;
import dev.latentlab.task.dictionary.DictionaryEngine;
import dev.latentlab.task.dictionary.FitOptions;
import dev.latentlab.task.dictionary.FitProgress;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code kmeans.engine: spark}: the training patches as float blocks that the executors cut from the idx file
 * themselves and cache ({@link SparkPatchBlocks}), fitted per K by the {@code spark.solver}: {@code native} runs the
 * nd4j engine's Lloyd (its seeding, stopping rule, empty-cluster handling and per-iteration metrics rows) with every
 * assignment pass on the executors' fused kernel; {@code mllib} runs Spark ML's block KMeans
 * ({@link MllibBlockKMeans}: one metrics row per K). The dictionaries come back to the driver for the rest of the
 * run (test MSE, reconstructions, figures).
 */
public final class SparkDictionaryEngine implements DictionaryEngine {
    private static final Logger LOG = LoggerFactory.getLogger(SparkDictionaryEngine.class);

    private final PatchDictionaryConfig config;
    private final JavaSparkContext context;
    private final LloydIterationClock clock = new LloydIterationClock();
    private final PatchSource source;
    private final int digits;
    private final DictionaryFitter fitter;
    private SparkPatchBlocks patches;
    private MetricsCsv metrics;

    private SparkDictionaryEngine(PatchDictionaryConfig config, JavaSparkContext context, PatchSource source,
                                  int digits, int threads) {
        this.config = config;
        this.context = context;
        this.source = source;
        this.digits = digits;
        this.fitter = new DictionaryFitter(FitOptions.of(config, threads),
                new PatchExtractor(source.size(), source.stride()));
        if (config.spark().solver() == SparkConfig.Solver.MLLIB) {
            context.sc().addSparkListener(clock); // Spark ML's iterations are visible only as jobs
        }
    }

    /** Starts Spark for the run (bad settings: one line, nothing written); its executors read the train file. */
    public static DictionaryEngine open(PatchDictionaryConfig config, ImageSet train, int threads) {
        Path dir = Path.of(config.data().dir());
        Path file = MnistFiles.find(dir, MnistFile.TRAIN_IMAGES)
                .orElseThrow(() -> new BadInputException(dir + ": no MNIST training images; " + MnistFiles.FETCH_HINT));
        PatchDictionaryConfig.Patches p = config.patches();
        requireNativeKernel(config.spark().solver(), p.size() * p.size());
        PatchSource source = new PatchSource(file.toAbsolutePath().toString(), p.size(), p.stride(), p.dropBlank(), 0,
                config.seed());
        return new SparkDictionaryEngine(config, SparkContexts.start(config.spark(), config.name()), source,
                train.count(), threads);
    }

    /** The native solver needs the fused kernel here (the executors check again): refused in one line otherwise. */
    static void requireNativeKernel(SparkConfig.Solver solver, int dim) {
        if (solver == SparkConfig.Solver.NATIVE && !FloatBlockAssigner.available(dim)) {
            throw new BadInputException("spark.solver native: " + FloatBlockAssigner.unavailableReason(dim)
                    + "; use spark.solver: mllib");
        }
    }

    @Override
    public void prepare(MetricsCsv metricsCsv) {
        this.metrics = metricsCsv;
        int partitions = config.spark().partitions() > 0 ? config.spark().partitions() : 2 * context.defaultParallelism();
        patches = SparkPatchBlocks.cut(context, source, digits, partitions);
    }

    @Override
    public long patchesTotal() {
        return patches.rows();
    }

    @Override
    public long patchesFit() {
        return patches.rows();
    }

    @Override
    public DictionaryFit fit(DictionaryMethod method, int k) throws IOException {
        PatchDictionaryConfig.KMeans km = config.kmeans();
        SparkConfig.Solver solver = config.spark().solver();
        try (Progress progress = Progress.start("spark " + solver.configName() + " K=" + k, km.maxIter(),
                "iterations")) {
            if (solver == SparkConfig.Solver.NATIVE) {
                FitProgress shown = new FitProgress(progress, metrics, method, k);
                DictionaryFit fit = fitter.lloyd(patches, k, shown);
                shown.rethrow();
                LOG.info("spark native K = {}: {} iterations, {} s per iteration, fit {} s", k, fit.iterations(),
                        Significant.four(fit.secondsPerIteration()), Significant.four(fit.fitSeconds()));
                return fit;
            }
            return mllib(method, k, progress);
        }
    }

    private DictionaryFit mllib(DictionaryMethod method, int k, Progress progress) throws IOException {
        PatchDictionaryConfig.KMeans km = config.kmeans();
        // Spark ML stops when no centroid moves farther than tol; with sqrt(tol x mean per-pixel variance) it stops
        // no later than the nd4j rule (total squared shift <= tol x mean variance) would.
        MllibBlockKMeans.Options options = new MllibBlockKMeans.Options(k, km.maxIter(),
                Math.sqrt(km.tol() * patches.meanVariance()), config.seed());
        MllibBlockKMeans.Result r;
        List<Double> iterationSeconds;
        clock.begin(progress);
        try {
            r = MllibBlockKMeans.fit(patches.blocks(), patches.dim(), options);
        } finally {
            iterationSeconds = clock.end();
        }
        double mse = r.squaredError() / ((double) r.points() * patches.dim());
        double perIteration = iterationSeconds.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        int empty = (int) Arrays.stream(r.counts()).filter(c -> c == 0).count();
        metrics.append(method.configName(), k, r.iterations(), mse, null, empty, r.fitSeconds());
        LOG.info("spark mllib K = {}: {} iterations, {} s per iteration, fit {} s (initialisation and counting "
                + "included)", k, r.iterations(), Significant.four(perIteration), Significant.four(r.fitSeconds()));
        return new DictionaryFit(new PatchDictionary(source.size(), source.stride(), k, r.centroids(), r.counts()),
                r.iterations(), r.converged(), perIteration, r.fitSeconds(), mse, empty, null);
    }

    @Override
    public void close() {
        try {
            if (patches != null) {
                patches.close();
            }
        } finally {
            context.stop();
        }
    }
}
