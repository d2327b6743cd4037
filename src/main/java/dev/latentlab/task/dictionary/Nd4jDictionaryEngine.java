package dev.latentlab.task.dictionary;

import dev.latentlab.clustering.PointBlocks;
import dev.latentlab.clustering.Seeding;
import dev.latentlab.config.PatchDictionaryConfig;
import dev.latentlab.data.ImageSet;
import dev.latentlab.patches.DictionaryFit;
import dev.latentlab.patches.DictionaryFitter;
import dev.latentlab.patches.DictionaryMethod;
import dev.latentlab.patches.PatchCoder;
import dev.latentlab.patches.PatchExtractor;
import dev.latentlab.report.MetricsCsv;
import dev.latentlab.report.Progress;
import dev.latentlab.report.Significant;
import dev.latentlab.rng.RandomStreams;
import java.io.IOException;
import java.util.Arrays;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default engine ({@code kmeans.engine: nd4j}): all training patches in one off-heap {@link PointBlocks} (or a
 * seeded sample of them), fitted in this JVM by the project's Lloyd, mini-batch k-means and sparse coding, with a
 * progress bar/log lines and a {@code metrics.csv} row per logged iteration ({@link DictionaryFitter}). When the fits
 * use a sample, every training patch stays in memory for the train MSE of each fit over all of them.
 */
final class Nd4jDictionaryEngine implements DictionaryEngine {
    private static final Logger LOG = LoggerFactory.getLogger(Nd4jDictionaryEngine.class);

    private final PatchDictionaryConfig config;
    private final ImageSet train;
    private final PatchExtractor patches;
    private final int threads;
    private DictionaryFitter fitter;
    private MetricsCsv metrics;
    private PointBlocks fitData;
    private PointBlocks allPatches;   // every training patch, kept only when the fits use a sample of them
    private long patchesTotal;

    Nd4jDictionaryEngine(PatchDictionaryConfig config, ImageSet train, int threads) {
        this.config = config;
        this.train = train;
        this.patches = new PatchExtractor(config.patches().size(), config.patches().stride());
        this.threads = threads;
        Integer sample = config.kmeans().fitSample();
        long rows = patches.count(train, config.patches().dropBlank());
        OffHeapBudget.require(sample == null ? rows : Math.min(rows, sample) + rows, patches.dim());
    }

    @Override
    public void prepare(MetricsCsv metrics) {
        long t0 = System.nanoTime();
        PointBlocks all = patches.extract(train, config.patches().dropBlank());
        patchesTotal = all.rows();
        LOG.info("patches_total = {} training patches ({} s)", patchesTotal,
                Significant.four((System.nanoTime() - t0) / 1e9));
        fitData = subsample(all, config.kmeans().fitSample(), config.seed());
        if (fitData != all) {
            allPatches = all;
            LOG.info("fitting on a seeded sample of {} patches; train MSE over all {}", fitData.rows(), patchesTotal);
        }
        this.metrics = metrics;
        fitter = new DictionaryFitter(FitOptions.of(config, threads), patches);
    }

    @Override
    public long patchesTotal() {
        return patchesTotal;
    }

    @Override
    public long patchesFit() {
        return fitData.rows();
    }

    @Override
    public DictionaryFit fit(DictionaryMethod method, int k) throws IOException {
        String unit = method == DictionaryMethod.MINIBATCH ? "batches" : "iterations";
        try (Progress progress = Progress.start(method.configName() + " K=" + k, fitter.iterationLimit(method),
                unit)) {
            FitProgress shown = new FitProgress(progress, metrics, method, k);
            DictionaryFit fit = fitter.fit(fitData, method, k, shown);
            shown.rethrow();
            return fit;
        }
    }

    /** The fit's own MSE when it used every patch, else one nearest-element pass over all of them. */
    @Override
    public double trainMse(DictionaryFit fit, PatchCoder coder) {
        if (allPatches == null) {
            return fit.trainMse();
        }
        long t0 = System.nanoTime();
        double mse = coder.mse(allPatches, fit.codebook());
        LOG.info("K = {}: train MSE {} over all {} patches (fit sample {}), {} s", fit.codebook().k(),
                Significant.four(mse), allPatches.rows(),
                Significant.four(fit.trainMse()),
                String.format(Locale.ROOT, "%.3g", (System.nanoTime() - t0) / 1e9));
        return mse;
    }

    @Override
    public void close() {
        if (fitData != null) {
            fitData.close();
        }
        if (allPatches != null) {
            allPatches.close();
        }
    }

    private static PointBlocks subsample(PointBlocks all, Integer size, long seed) {
        if (size == null || size >= all.rows()) {
            return all;
        }
        long[] rows = Seeding.distinctIndices(all.rows(), size, RandomStreams.random(seed, "fit_sample"));
        Arrays.sort(rows);
        return all.gather(rows);
    }
}
