package dev.latentlab.spark;

import dev.latentlab.BadInputException;
import dev.latentlab.config.PatchDictionaryConfig;
import dev.latentlab.data.ImageSet;
import dev.latentlab.data.MnistFile;
import dev.latentlab.data.MnistFiles;
import dev.latentlab.dictionary.DictionaryEngine;
import dev.latentlab.patches.DictionaryFit;
import dev.latentlab.patches.PatchDictionary;
import dev.latentlab.report.MetricsCsv;
import dev.latentlab.report.Progress;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.spark.api.java.JavaSparkContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code kmeans.engine: spark}: the training patches as a Spark RDD that the executors cut from the idx file
 * themselves ({@link SparkPatches}), fitted per K by MLlib's KMeans ({@link SparkLloyd}); the dictionaries come
 * back to the driver for the rest of the run (test MSE, reconstructions, figures). MLlib reports no per-iteration
 * figures: metrics.csv gets one row per K (its last iteration, final MSE).
 */
public final class SparkDictionaryEngine implements DictionaryEngine {
    private static final Logger LOG = LoggerFactory.getLogger(SparkDictionaryEngine.class);

    private final PatchDictionaryConfig config;
    private final JavaSparkContext context;
    private final LloydIterationClock clock = new LloydIterationClock();
    private final PatchSource source;
    private final int digits;
    private SparkPatches patches;
    private MetricsCsv metrics;

    private SparkDictionaryEngine(PatchDictionaryConfig config, JavaSparkContext context, PatchSource source,
                                  int digits) {
        this.config = config;
        this.context = context;
        this.source = source;
        this.digits = digits;
        context.sc().addSparkListener(clock);
    }

    /** Starts Spark for the run (bad settings: one line, nothing written); its executors read the train file. */
    public static DictionaryEngine open(PatchDictionaryConfig config, ImageSet train, int threads) {
        Path dir = Path.of(config.data().dir());
        Path file = MnistFiles.find(dir, MnistFile.TRAIN_IMAGES)
                .orElseThrow(() -> new BadInputException(dir + ": no MNIST training images; " + MnistFiles.FETCH_HINT));
        PatchDictionaryConfig.Patches p = config.patches();
        PatchSource source = new PatchSource(file.toAbsolutePath().toString(), p.size(), p.stride(), p.dropBlank(), 0,
                config.seed());
        return new SparkDictionaryEngine(config, SparkContexts.start(config.spark(), config.name()), source,
                train.count());
    }

    @Override
    public void prepare(MetricsCsv metricsCsv) {
        this.metrics = metricsCsv;
        int partitions = config.spark().partitions() > 0 ? config.spark().partitions() : 2 * context.defaultParallelism();
        patches = SparkPatches.cut(context, source, digits, partitions);
    }

    @Override
    public long patchesTotal() {
        return patches.count();
    }

    @Override
    public long patchesFit() {
        return patches.count();
    }

    @Override
    public DictionaryFit fit(String method, int k) throws IOException {
        PatchDictionaryConfig.KMeans km = config.kmeans();
        SparkLloyd.Options options = new SparkLloyd.Options(k, SparkPatches.initMode(km.init()), km.maxIter(),
                patches.epsilon(km.tol()), config.seed());
        SparkLloyd.Result r;
        List<Double> iterationSeconds;
        try (Progress progress = Progress.start("spark " + method + " K=" + k, km.maxIter(), "iterations")) {
            clock.begin(progress);
            try {
                r = SparkLloyd.fit(patches.vectors(), options);
            } finally {
                iterationSeconds = clock.end();
            }
        }
        int dim = source.size() * source.size();
        double mse = r.squaredError() / ((double) r.points() * dim);
        double perIteration = iterationSeconds.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        int empty = (int) Arrays.stream(r.counts()).filter(c -> c == 0).count();
        metrics.append(method, k, r.iterations(), mse, null, empty, r.fitSeconds());
        LOG.info("spark K = {}: {} iterations, {} s per iteration, fit {} s (initialisation and counting included)",
                k, r.iterations(), fmt(perIteration), fmt(r.fitSeconds()));
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

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4g", v);
    }
}
