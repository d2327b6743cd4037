package dev.latentlab.patches;

import dev.latentlab.clustering.IterationListener;
import dev.latentlab.clustering.KMeansOptions;
import dev.latentlab.clustering.KMeansResult;
import dev.latentlab.clustering.Lloyd;
import dev.latentlab.clustering.MiniBatchKMeans;
import dev.latentlab.clustering.PatchMatrix;
import dev.latentlab.config.PatchDictionaryConfig;
import dev.latentlab.report.MetricsCsv;
import dev.latentlab.report.Progress;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Fits the codebook of one method ({@code lloyd}, {@code minibatch}, {@code sparse}) and K of a patch-dictionary
 * run from its config, with a progress bar/log lines and a {@code metrics.csv} row per iteration (mini-batch: per
 * 20 batches).
 */
public final class DictionaryFitter {
    private final PatchDictionaryConfig config;
    private final PatchExtractor patches;
    private final int threads;
    private final MetricsCsv metrics;

    public DictionaryFitter(PatchDictionaryConfig config, PatchExtractor patches, int threads, MetricsCsv metrics) {
        this.config = config;
        this.patches = patches;
        this.threads = threads;
        this.metrics = metrics;
    }

    public DictionaryFit fit(PatchMatrix x, String method, int k) throws IOException {
        boolean minibatch = method.equals("minibatch");
        int every = minibatch ? 20 : 1;
        long total = minibatch ? -1 : method.equals("sparse") ? config.sparse().maxIter() : config.kmeans().maxIter();
        String unit = minibatch ? "batches" : "iterations";
        try (Progress progress = Progress.start(method + " K=" + k, total, unit)) {
            IOException[] failure = new IOException[1];
            List<double[]> curve = new ArrayList<>();
            IterationListener listener = s -> {
                double mse = minibatch ? s.inertia() / x.dim() : s.inertia() / ((double) x.rows() * x.dim());
                progress.setExtraMessage("mse " + String.format(Locale.ROOT, "%.4g", mse));
                progress.step();
                if (s.iteration() % every == 0 && failure[0] == null) {
                    curve.add(new double[] {s.iteration(), mse});
                    try {
                        metrics.append(method, k, s.iteration(), mse, s.shift(), s.emptyClusters(), s.seconds());
                    } catch (IOException e) {
                        failure[0] = e;
                    }
                }
            };
            DictionaryFit fit = method.equals("sparse") ? sparse(x, k, listener) : kmeans(x, k, minibatch, listener);
            if (failure[0] != null) {
                throw failure[0];
            }
            double[][] xy = {curve.stream().mapToDouble(p -> p[0]).toArray(), curve.stream().mapToDouble(p -> p[1]).toArray()};
            return fit.withCurve(xy);
        }
    }

    private DictionaryFit kmeans(PatchMatrix x, int k, boolean minibatch, IterationListener listener) {
        PatchDictionaryConfig.KMeans km = config.kmeans();
        KMeansOptions options = new KMeansOptions(k,
                km.init().equals("random") ? KMeansOptions.Init.RANDOM : KMeansOptions.Init.KMEANS_PLUS_PLUS,
                km.maxIter(), km.tol(), km.initSample(), km.batchSize(), km.maxNoImprovement(), config.seed(),
                threads, km.tileRows());
        KMeansResult r = minibatch ? MiniBatchKMeans.fit(x, options, listener) : Lloyd.fit(x, options, listener);
        return new DictionaryFit(PatchDictionary.of(patches, r), r.iterations(), r.converged(), r.secondsPerIteration(),
                r.fitSeconds(), r.mse(), unused(r.counts()), null);
    }

    private DictionaryFit sparse(PatchMatrix x, int k, IterationListener listener) {
        PatchDictionaryConfig.Sparse sp = config.sparse();
        SparseCodingOptions options = new SparseCodingOptions(k, sp.nonZeros(), sp.maxIter(), sp.tol(),
                config.kmeans().initSample(), config.seed(), threads);
        SparseCodingResult r = DictionaryLearning.fit(x, options, listener);
        return new DictionaryFit(SparseDictionary.of(patches, r), r.iterations(), r.converged(), r.secondsPerIteration(),
                r.fitSeconds(), r.mse(), unused(r.usage()), null);
    }

    private static int unused(long[] counts) {
        return (int) Arrays.stream(counts).filter(c -> c == 0).count();
    }
}
