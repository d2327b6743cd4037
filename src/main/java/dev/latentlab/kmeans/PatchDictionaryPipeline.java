package dev.latentlab.kmeans;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.latentlab.config.ConfigYaml;
import dev.latentlab.config.PatchDictionaryConfig;
import dev.latentlab.data.ImageSet;
import dev.latentlab.data.MnistFetcher;
import dev.latentlab.data.MnistFiles;
import dev.latentlab.report.HtmlReport;
import dev.latentlab.report.MetricsCsv;
import dev.latentlab.report.Progress;
import dev.latentlab.report.RunDirectory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code kmeans_patches} task: cuts MNIST digits into patches, fits a k-means dictionary for each K, measures
 * train/test patch MSE and test-digit reconstruction, saves each dictionary and writes the run folder.
 */
public final class PatchDictionaryPipeline {
    private static final Logger LOG = LoggerFactory.getLogger(PatchDictionaryPipeline.class);

    private final PatchDictionaryConfig config;

    public PatchDictionaryPipeline(PatchDictionaryConfig config) {
        this.config = config;
    }

    /** The summary.json of a run. */
    public record Summary(
            @JsonProperty("name") String name,
            @JsonProperty("task") String task,
            @JsonProperty("train_digits") int trainDigits,
            @JsonProperty("test_digits") int testDigits,
            @JsonProperty("patch_size") int patchSize,
            @JsonProperty("stride") int stride,
            @JsonProperty("patches_total") long patchesTotal,
            @JsonProperty("patches_fit") long patchesFit,
            @JsonProperty("test_patches_total") long testPatchesTotal,
            @JsonProperty("algorithm") String algorithm,
            @JsonProperty("init") String init,
            @JsonProperty("threads") int threads,
            @JsonProperty("results") List<KFitSummary> results,
            @JsonProperty("elbow_k") Integer elbowK,
            @JsonProperty("elbow_metric") String elbowMetric,
            @JsonProperty("models_dir") String modelsDir,
            @JsonProperty("seconds_total") double secondsTotal) {
    }

    /** Runs the task; returns the run folder. Bad data is reported before the run folder is made. */
    public Path run() throws IOException {
        long start = System.nanoTime();
        Path dataDir = Path.of(config.data().dir());
        if (config.data().fetch()) {
            new MnistFetcher().ensure(dataDir);
        }
        ImageSet train = limit(MnistFiles.train(dataDir), config.data().trainLimit());
        ImageSet test = limit(MnistFiles.test(dataDir), config.data().testLimit());
        PatchExtractor patches = new PatchExtractor(config.patches().size(), config.patches().stride());
        PatchDictionaryConfig.KMeans km = config.kmeans();
        int threads = km.threads() > 0 ? km.threads() : Runtime.getRuntime().availableProcessors();

        try (RunDirectory run = RunDirectory.create(Path.of(config.output().runsDir()), config.name())) {
            try {
                return runIn(run, train, test, patches, threads, start);
            } catch (RuntimeException | IOException | Error e) {
                LOG.error("run failed", e);
                throw e;
            }
        }
    }

    private Path runIn(RunDirectory run, ImageSet train, ImageSet test, PatchExtractor patches, int threads,
                       long start) throws IOException {
        PatchDictionaryConfig.KMeans km = config.kmeans();
        run.writeConfig(ConfigYaml.toYaml(config));
        LOG.info("run folder {}", run.path());
        LOG.info("digits: {} train, {} test; patches {}x{} stride {}{}", train.count(), test.count(),
                patches.size(), patches.size(), patches.stride(), config.patches().dropBlank() ? ", blank dropped" : "");
        long t0 = System.nanoTime();
        PatchMatrix all = patches.extract(train, config.patches().dropBlank());
        long patchesTotal = all.rows();
        LOG.info("patches_total = {} training patches ({} s)", patchesTotal, seconds(t0));
        PatchMatrix fitData = subsample(all, km.fitSample(), config.seed());
        if (fitData != all) {
            all.close();
            LOG.info("fitting on a seeded sample of {} patches", fitData.rows());
        }
        PatchMatrix testPatches = patches.extract(test, true);
        LOG.info("{} non-blank test patches", testPatches.rows());

        ImageSet trainExamples = train.head(config.report().exampleDigits());
        ImageSet testExamples = test.head(config.report().exampleDigits());
        long[] exampleRows = exampleRows(testPatches.rows(), config.report().examplePatches(), config.seed());
        MetricsCsv metrics = MetricsCsv.create(run.resolve(MetricsCsv.DEFAULT_FILE),
                "k", "iteration", "mse", "shift", "empty_clusters", "seconds");
        List<KFitSummary> results = new ArrayList<>();
        Map<Integer, float[]> trainRecon = new LinkedHashMap<>();
        Map<Integer, float[]> testRecon = new LinkedHashMap<>();
        List<String> figures = new ArrayList<>(List.of(PatchDictionaryFigures.MSE_VS_K,
                PatchDictionaryFigures.RECON_TEST, PatchDictionaryFigures.RECON_TRAIN));
        Path modelRoot = Path.of(config.output().modelsDir(), config.name());
        Integer elbowK = null;

        try (PatchCoder coder = new PatchCoder(threads, km.tileRows())) {
            for (int i = 0; i < km.k().size(); i++) {
                int k = km.k().get(i);
                LOG.info("K = {} ({} of {})", k, i + 1, km.k().size());
                KMeansResult fit = fit(fitData, k, threads, metrics);
                PatchDictionary dictionary = PatchDictionary.of(patches, fit);
                PatchCoder.Encoding testCode = coder.encode(testPatches, dictionary.centroids());
                float[] recon = PatchReconstructor.reconstruct(test, patches, dictionary.centroids(), testCode.labels());
                double reconMse = PatchReconstructor.mse(test, recon);
                float[] trainExampleRecon = coder.reconstruct(trainExamples, dictionary);
                trainRecon.put(k, trainExampleRecon);
                testRecon.put(k, Arrays.copyOf(recon, testExamples.count() * test.imageSize()));
                int empty = (int) Arrays.stream(fit.counts()).filter(c -> c == 0).count();
                KFitSummary result = new KFitSummary(k, fit.iterations(), fit.converged(),
                        fit.secondsPerIteration(), fit.fitSeconds(), fit.mse(), testCode.mse(), reconMse,
                        PatchReconstructor.psnr(reconMse), PatchReconstructor.mse(trainExamples, trainExampleRecon), empty);
                results.add(result);
                LOG.info("K = {}: train MSE {} ({} on [0,1]), test MSE {}, test reconstruction MSE {} / PSNR {} dB,"
                                + " {} iterations at {} s", k, fmt(result.trainMse()), fmt(result.trainMseUnit()),
                        fmt(result.testMse()), fmt(reconMse), fmt(result.reconPsnr()), fit.iterations(),
                        fmt(fit.secondsPerIteration()));
                if (config.report().atlasK().contains(k)) {
                    PatchDictionaryFigures.atlas(run.resolve(PatchDictionaryFigures.atlasFile(k)), dictionary);
                    PatchDictionaryFigures.patchExamples(run.resolve(PatchDictionaryFigures.patchExamplesFile(k)),
                            testPatches, exampleRows, testCode.labels(), dictionary);
                    figures.add(PatchDictionaryFigures.atlasFile(k));
                    figures.add(PatchDictionaryFigures.patchExamplesFile(k));
                }
                if (config.output().saveModel()) {
                    PatchDictionaryFiles.save(dictionary, modelRoot.resolve("k" + k), modelMetadata(result, patchesTotal));
                }
                elbowK = elbow(results);
                run.writeSummary(summary(train, test, patchesTotal, fitData.rows(), testPatches.rows(), threads,
                        results, elbowK, modelRoot, start));
            }
        } finally {
            fitData.close();
            testPatches.close();
        }
        PatchDictionaryFigures.mseVsK(run.resolve(PatchDictionaryFigures.MSE_VS_K), results,
                elbowK == null ? 0 : km.k().indexOf(elbowK));
        PatchDictionaryFigures.reconstructions(run.resolve(PatchDictionaryFigures.RECON_TEST), testExamples, testRecon, 3);
        PatchDictionaryFigures.reconstructions(run.resolve(PatchDictionaryFigures.RECON_TRAIN), trainExamples, trainRecon, 3);
        HtmlReport.forRun(run.path()).title("Patch dictionary " + config.name()).imageOrder(figures).write();
        LOG.info("done in {} s: {}", seconds(start), run.path());
        return run.path();
    }

    private KMeansResult fit(PatchMatrix x, int k, int threads, MetricsCsv metrics) throws IOException {
        PatchDictionaryConfig.KMeans km = config.kmeans();
        KMeansOptions options = new KMeansOptions(k,
                km.init().equals("random") ? KMeansOptions.Init.RANDOM : KMeansOptions.Init.KMEANS_PLUS_PLUS,
                km.maxIter(), km.tol(), km.initSample(), km.batchSize(), km.maxNoImprovement(), config.seed(),
                threads, km.tileRows());
        boolean lloyd = km.algorithm().equals("lloyd");
        // Mini-batch runs thousands of small steps: a metrics row every 20 of them.
        int every = lloyd ? 1 : 20;
        long total = lloyd ? km.maxIter() : -1;
        try (Progress progress = Progress.start("k-means K=" + k, total, lloyd ? "iterations" : "batches")) {
            IOException[] failure = new IOException[1];
            IterationListener listener = s -> {
                double mse = lloyd ? s.inertia() / ((double) x.rows() * x.dim()) : s.inertia() / x.dim();
                progress.setExtraMessage("mse " + fmt(mse));
                progress.step();
                if (s.iteration() % every == 0 && failure[0] == null) {
                    try {
                        metrics.append(k, s.iteration(), mse, s.shift(), s.emptyClusters(), s.seconds());
                    } catch (IOException e) {
                        failure[0] = e;
                    }
                }
            };
            KMeansResult result = lloyd ? Lloyd.fit(x, options, listener) : MiniBatchKMeans.fit(x, options, listener);
            if (failure[0] != null) {
                throw failure[0];
            }
            return result;
        }
    }

    private Map<String, Object> modelMetadata(KFitSummary result, long patchesTotal) {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("run_name", config.name());
        meta.put("algorithm", config.kmeans().algorithm());
        meta.put("seed", config.seed());
        meta.put("patches_total", patchesTotal);
        meta.put("metrics", result);
        meta.put("latentlab_version", PatchDictionaryPipeline.class.getPackage().getImplementationVersion());
        meta.put("nd4j_version", "1.0.0-M2.1");
        meta.put("config", ConfigYaml.toYaml(config));
        return meta;
    }

    private Summary summary(ImageSet train, ImageSet test, long patchesTotal, long patchesFit, long testPatches,
                            int threads, List<KFitSummary> results, Integer elbowK, Path modelRoot, long start) {
        return new Summary(config.name(), config.task(), train.count(), test.count(), config.patches().size(),
                config.patches().stride(), patchesTotal, patchesFit, testPatches, config.kmeans().algorithm(),
                config.kmeans().init(), threads, List.copyOf(results), elbowK, "test_mse",
                config.output().saveModel() ? modelRoot.toString() : null, (System.nanoTime() - start) / 1e9);
    }

    private static Integer elbow(List<KFitSummary> results) {
        if (results.size() < 3) {
            return null;
        }
        double[] k = results.stream().mapToDouble(KFitSummary::k).toArray();
        double[] mse = results.stream().mapToDouble(KFitSummary::testMse).toArray();
        return results.get(Elbow.index(k, mse)).k();
    }

    private static ImageSet limit(ImageSet images, Integer limit) {
        return limit == null ? images : images.head(limit);
    }

    private static PatchMatrix subsample(PatchMatrix all, Integer size, long seed) {
        if (size == null || size >= all.rows()) {
            return all;
        }
        long[] rows = Seeding.distinctIndices(all.rows(), size, new Random(seed));
        Arrays.sort(rows);
        return all.gather(rows);
    }

    private static long[] exampleRows(long n, int count, long seed) {
        int m = (int) Math.min(n, count);
        long[] rows = Seeding.distinctIndices(n, m, new Random(seed ^ 0x5DEECE66DL));
        Arrays.sort(rows);
        return rows;
    }

    private static String seconds(long startNanos) {
        return fmt((System.nanoTime() - startNanos) / 1e9);
    }

    private static String fmt(double v) {
        return String.format(java.util.Locale.ROOT, "%.4g", v);
    }
}
