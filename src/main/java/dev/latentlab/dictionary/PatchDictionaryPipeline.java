package dev.latentlab.dictionary;

import dev.latentlab.rng.RandomStreams;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.latentlab.BadInputException;
import dev.latentlab.clustering.Elbow;
import dev.latentlab.clustering.PointBlocks;
import dev.latentlab.clustering.Seeding;
import dev.latentlab.config.ConfigYaml;
import dev.latentlab.config.PatchDictionaryConfig;
import dev.latentlab.data.IdxDatasets;
import dev.latentlab.data.ImageFolderReader;
import dev.latentlab.data.ImageSet;
import dev.latentlab.data.MnistFiles;
import dev.latentlab.data.PictureLoader;
import dev.latentlab.patches.DictionaryFit;
import dev.latentlab.patches.PatchCodebook;
import dev.latentlab.patches.PatchCoder;
import dev.latentlab.patches.PatchExtractor;
import dev.latentlab.patches.PatchReconstructor;
import dev.latentlab.patches.SparseCodes;
import dev.latentlab.patches.SparseDictionary;
import dev.latentlab.patches.Tiling;
import dev.latentlab.report.HtmlReport;
import dev.latentlab.report.MetricsCsv;
import dev.latentlab.report.RunDirectory;
import dev.latentlab.store.ModelFolder;
import dev.latentlab.store.NameLock;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code kmeans_patches} task: cuts MNIST digits into patches, fits a dictionary for each method (k-means,
 * mini-batch k-means, sparse coding) and K, measures train/test patch MSE and the reconstruction of test digits
 * (overlapping or padded tiling), rebuilds novel pictures, saves each dictionary and writes the run folder.
 */
public final class PatchDictionaryPipeline {
    private static final Logger LOG = LoggerFactory.getLogger(PatchDictionaryPipeline.class);
    static final String COMPARISON_CSV = "comparison.csv";

    private final PatchDictionaryConfig config;
    /** The methods run; a config without {@code methods} runs {@code kmeans.algorithm} alone. */
    private final List<String> methods;
    private final Tiling tiling;
    private final DictionaryEngine.Opener engines;

    /** A pipeline on the ND4J engine ({@code kmeans.engine: nd4j}). */
    public PatchDictionaryPipeline(PatchDictionaryConfig config) {
        this(config, Nd4jDictionaryEngine::new);
    }

    /** A pipeline whose dictionaries are fitted by the engine {@code engines} opens. */
    public PatchDictionaryPipeline(PatchDictionaryConfig config, DictionaryEngine.Opener engines) {
        this.config = config;
        this.engines = engines;
        this.methods = config.methods() != null ? config.methods() : List.of(config.kmeans().algorithm());
        this.tiling = Tiling.fromConfigName(config.patches().tiling());
    }

    /** The summary.json of a run. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Summary(
            String name,
            String task,
            int trainDigits,
            int testDigits,
            int patchSize,
            int stride,
            String tiling,
            long patchesTotal,
            long patchesFit,
            long testPatchesTotal,
            List<String> methods,
            String engine,
            String algorithm,
            String init,
            int nonZeros,
            int threads,
            List<KFitSummary> results,
            Integer elbowK,
            String elbowMetric,
            String modelsDir,
            double secondsTotal) {
    }

    /** Runs the task; returns the run folder. Bad data is reported before the run folder is made. */
    public Path run() throws IOException {
        long start = System.nanoTime();
        PatchDictionaryConfig.Data d = config.data();
        ImageSet train;
        ImageSet test;
        if (d.source().equals("folder")) {
            ImageFolderReader reader = new ImageFolderReader(1, d.imageSize(), d.imageSize(),
                    PictureLoader.Invert.valueOf(d.invert().toUpperCase(java.util.Locale.ROOT)));
            train = limit(reader.readClasses(Path.of(d.dir()), "data.dir").images(), d.trainLimit());
            test = limit(reader.readClasses(Path.of(d.testDir()), "data.test_dir").images(), d.testLimit());
        } else {
            Path dataDir = IdxDatasets.dir(d.source(), d.dir());
            if (d.fetch()) {
                IdxDatasets.ensure(d.source(), dataDir);
            }
            train = limit(MnistFiles.train(dataDir), d.trainLimit());
            test = limit(MnistFiles.test(dataDir), d.testLimit());
        }
        PatchExtractor patches = new PatchExtractor(config.patches().size(), config.patches().stride());
        ImageSet novel = config.report().novelImages().isEmpty() ? null : PictureLoader.load(
                config.report().novelImages().stream().map(Path::of).toList(), test.height(), test.width(),
                PictureLoader.Invert.AUTO);
        Integer codePatch = config.report().codePatch();
        if (codePatch != null && methods.contains("sparse")) {
            long testPatches = patches.count(test, true);
            if (codePatch >= testPatches) {
                throw new BadInputException("report.code_patch = " + codePatch + ": expected an index below the "
                        + testPatches + " non-blank test patches");
            }
        }
        checkKFitsPatches(patches.count(train, config.patches().dropBlank()), train.count());
        int threads = config.kmeans().threads() > 0 ? config.kmeans().threads() : Runtime.getRuntime().availableProcessors();

        Path modelRoot = Path.of(config.output().modelsDir(), config.name());
        try (NameLock lock = NameLock.acquire(modelRoot.resolveSibling(config.name() + ".lock"), "model " + modelRoot);
             DictionaryEngine engine = engines.open(config, train, threads);
             RunDirectory run = RunDirectory.create(Path.of(config.output().runsDir()), config.name())) {
            run.onInterrupt(lock::close);
            return run.execute(() -> runIn(run, engine, train, test, novel, patches, threads, modelRoot, start));
        }
    }

    private Path runIn(RunDirectory run, DictionaryEngine engine, ImageSet train, ImageSet test, ImageSet novel,
                       PatchExtractor patches, int threads, Path modelRoot, long start) throws IOException {
        PatchDictionaryConfig.Report report = config.report();
        run.writeConfig(ConfigYaml.toYaml(config));
        LOG.info("run folder {}", run.path());
        LOG.info("digits: {} train, {} test; patches {}x{} stride {}{}; methods {}; {} tiling", train.count(),
                test.count(), patches.size(), patches.size(), patches.stride(),
                config.patches().dropBlank() ? ", blank dropped" : "", methods, tiling.configName());
        MetricsCsv metrics = MetricsCsv.create(run.resolve(MetricsCsv.DEFAULT_FILE), DictionaryEngine.METRICS_COLUMNS);
        engine.prepare(metrics);
        long patchesTotal = engine.patchesTotal();
        PointBlocks testPatches = patches.extract(test, true);
        LOG.info("{} non-blank test patches", testPatches.rows());

        ImageSet trainExamples = train.head(report.exampleDigits());
        ImageSet testExamples = test.head(report.exampleDigits());
        long[] exampleRows = exampleRows(testPatches.rows(), report.examplePatches(), config.seed());
        long codeRow = report.codePatch() != null ? report.codePatch() : mostVaried(testPatches, exampleRows);
        MetricsCsv comparison = MetricsCsv.create(run.resolve(COMPARISON_CSV), "method", "k", "train_mse",
                "fit_mse", "test_mse", "recon_mse", "recon_psnr", "fit_seconds", "iterations", "converged");
        List<KFitSummary> results = new ArrayList<>();
        Map<String, float[]> trainRecon = new LinkedHashMap<>();
        Map<String, float[]> testRecon = new LinkedHashMap<>();
        Map<String, float[]> novelRecon = new LinkedHashMap<>();
        Map<String, float[]> codePatchRecon = new LinkedHashMap<>();
        List<String> figures = new ArrayList<>();
        Map<String, Map<Integer, double[][]>> curves = new LinkedHashMap<>();
        SparseDictionary codeDictionary = null;
        int codeK = report.codeK() != null ? report.codeK() : sparseK().get(sparseK().size() - 1);
        // every dictionary of the run goes into one new set, swapped in whole after the last K
        ModelFolder models = config.output().saveModel() ? ModelFolder.begin(modelRoot) : null;
        List<String> saved = new ArrayList<>();

        try (models;
             PatchCoder coder = new PatchCoder(threads, config.kmeans().tileRows());
             PointBlocks examples = testPatches.gather(exampleRows);
             PointBlocks codeMatrix = testPatches.gather(new long[] {codeRow})) {
            for (String method : methods) {
                List<Integer> ks = method.equals("sparse") ? sparseK() : config.kmeans().k();
                for (int i = 0; i < ks.size(); i++) {
                    int k = ks.get(i);
                    LOG.info("{} K = {} ({} of {})", method, k, i + 1, ks.size());
                    DictionaryFit fit = engine.fit(method, k);
                    if (fit.curve() != null) {
                        curves.computeIfAbsent(method, m -> new TreeMap<>()).put(k, fit.curve());
                    }
                    PatchCodebook codebook = fit.codebook();
                    double trainMse = engine.trainMse(fit, coder);
                    double testMse = coder.mse(testPatches, codebook);
                    float[] recon = coder.reconstruct(test, codebook, tiling);
                    double reconMse = PatchReconstructor.mse(test, recon);
                    float[] trainExampleRecon = coder.reconstruct(trainExamples, codebook, tiling);
                    String label = rowLabel(method, k);
                    trainRecon.put(label, trainExampleRecon);
                    testRecon.put(label, Arrays.copyOf(recon, testExamples.count() * test.imageSize()));
                    if (novel != null) {
                        novelRecon.put(label, coder.reconstruct(novel, codebook, tiling));
                    }
                    codePatchRecon.put(label, coder.approximate(codeMatrix, codebook, false));
                    KFitSummary result = new KFitSummary(method, k, fit.iterations(), fit.converged(),
                            fit.secondsPerIteration(), fit.fitSeconds(), trainMse, fit.trainMse(), testMse, reconMse,
                            PatchReconstructor.psnr(reconMse), PatchReconstructor.mse(trainExamples, trainExampleRecon),
                            fit.unused());
                    results.add(result);
                    comparison.append(method, k, trainMse, fit.trainMse(), testMse, reconMse, result.reconPsnr(),
                            fit.fitSeconds(), fit.iterations(), fit.converged());
                    LOG.info("{} K = {}: train MSE {} ({} on [0,1]), test MSE {}, test reconstruction MSE {} / PSNR {} dB,"
                                    + " {} iterations at {} s, fit {} s", method, k, fmt(result.trainMse()),
                            fmt(result.trainMseUnit()), fmt(testMse), fmt(reconMse), fmt(result.reconPsnr()),
                            fit.iterations(), fmt(fit.secondsPerIteration()), fmt(fit.fitSeconds()));
                    String tag = tag(method, k);
                    if (report.atlasK().contains(k)) {
                        try {   // a figure that fails must not lose the fits: the set is committed after the loop
                            PatchDictionaryFigures.atlas(run.resolve(PatchDictionaryFigures.atlasFile(tag)), codebook);
                            PatchDictionaryFigures.patchExamples(run.resolve(PatchDictionaryFigures.patchExamplesFile(tag)),
                                    rows(examples), coder.approximate(examples, codebook, false), label, patches.size());
                            figures.add(PatchDictionaryFigures.atlasFile(tag));
                            figures.add(PatchDictionaryFigures.patchExamplesFile(tag));
                        } catch (IOException | RuntimeException e) {
                            LOG.warn("the atlas of {} failed ({}); the dictionary is kept", label, e.toString());
                        }
                    }
                    if (codebook instanceof SparseDictionary sparse && k == codeK) {
                        codeDictionary = sparse;
                    }
                    if (models != null) {
                        PatchDictionaryFiles.save(codebook, models.dir().resolve(tag),
                                modelMetadata(method, result, patchesTotal), models.id());
                        saved.add(tag);
                    }
                    run.writeSummary(summary(train, test, patchesTotal, engine.patchesFit(), testPatches.rows(), threads,
                            results, elbow(results), modelRoot, start));
                }
            }
            if (models != null) {
                PatchDictionaryFiles.saveSet(models.dir(), models.id(), saved);
                models.commit();
                LOG.info("{} dictionaries saved in {}", results.size(), modelRoot);
            }
            if (codeDictionary != null) {
                writeCodeWeights(run, coder, codeMatrix, codeRow, codeDictionary, codePatchRecon, figures);
            }
        } finally {
            testPatches.close();
        }
        writeFigures(run, results, testExamples, testRecon, trainExamples, trainRecon, novel, novelRecon, figures);
        for (Map.Entry<String, Map<Integer, double[][]>> e : curves.entrySet()) {
            String file = PatchDictionaryFigures.mseVsIterationFile(e.getKey());
            PatchDictionaryFigures.mseVsIteration(run.resolve(file), e.getKey(), e.getValue());
            figures.add(file);
        }
        HtmlReport.forRun(run.path()).title("Patch dictionary " + config.name()).imageOrder(figures)
                .captions(PatchDictionaryFigures::caption).write();
        LOG.info("done in {} s: {}", seconds(start), run.path());
        return run.path();
    }

    /**
     * The heat maps of the code of one test patch, with its reconstruction by every method at the same K; when the
     * dictionary's T is above 1 also the more sparse code (T = 1, same dictionary) above it, as the seed's Fig. 7.
     */
    private void writeCodeWeights(RunDirectory run, PatchCoder coder, PointBlocks codeMatrix, long codeRow,
                                  SparseDictionary dictionary, Map<String, float[]> codePatchRecon,
                                  List<String> figures) throws IOException {
        int k = dictionary.k();
        float[] patch = rows(codeMatrix).get(0);
        Map<String, float[]> sameK = new LinkedHashMap<>();
        Map<String, float[]> codes = new LinkedHashMap<>();
        if (dictionary.nonZeros() > 1) {
            SparseCodes sparser = coder.encode(codeMatrix, dictionary, 1);
            sameK.put("sparse T=1", sparser.approximations(dictionary.atoms()));
            codes.put(codeTitle("More sparse", codeRow, k, 1, sparser), sparser.dense(0, k));
        }
        for (String method : methods) {
            float[] approx = codePatchRecon.get(rowLabel(method, k));
            if (approx != null) {
                sameK.put(method.equals("sparse") ? "sparse T=" + dictionary.nonZeros() : method, approx);
            }
        }
        SparseCodes code = coder.encode(codeMatrix, dictionary);
        codes.put(codeTitle(codes.isEmpty() ? "Code" : "Less sparse", codeRow, k, dictionary.nonZeros(), code),
                code.dense(0, k));
        String file = PatchDictionaryFigures.codeWeightsFile(tag("sparse", k));
        PatchDictionaryFigures.codeWeights(run.resolve(file), patch, sameK, codes, dictionary);
        figures.add(0, file);
    }

    private static String codeTitle(String what, long row, int k, int nonZeros, SparseCodes code) {
        return String.format(Locale.ROOT, "%s: code weights of test patch %d%nK=%d atoms, at most %d non-zero; "
                + "squared error %.1f", what, row, k, nonZeros, code.squaredError());
    }

    private void writeFigures(RunDirectory run, List<KFitSummary> results, ImageSet testExamples,
                              Map<String, float[]> testRecon, ImageSet trainExamples, Map<String, float[]> trainRecon,
                              ImageSet novel, Map<String, float[]> novelRecon, List<String> figures) throws IOException {
        List<String> first = new ArrayList<>();
        if (methods.size() > 1) {
            PatchDictionaryFigures.comparison(run.resolve(PatchDictionaryFigures.COMPARISON), results, tiling.configName());
            first.add(PatchDictionaryFigures.COMPARISON);
        }
        List<KFitSummary> firstMethod = results.stream().filter(r -> r.method().equals(methods.get(0))).toList();
        Integer elbowK = elbow(results);
        int elbowIndex = 0;
        for (int i = 0; i < firstMethod.size(); i++) {
            if (elbowK != null && firstMethod.get(i).k() == elbowK) {
                elbowIndex = i;
            }
        }
        PatchDictionaryFigures.mseVsK(run.resolve(PatchDictionaryFigures.MSE_VS_K),
                (config.methods() == null ? "Patch dictionary" : methods.get(0)) + ": MSE vs K", firstMethod, elbowIndex);
        first.add(PatchDictionaryFigures.MSE_VS_K);
        PatchDictionaryFigures.reconstructions(run.resolve(PatchDictionaryFigures.RECON_TEST), testExamples, testRecon, 3);
        first.add(PatchDictionaryFigures.RECON_TEST);
        if (novel != null) {
            PatchDictionaryFigures.reconstructions(run.resolve(PatchDictionaryFigures.NOVEL), novel, novelRecon, 3);
            first.add(PatchDictionaryFigures.NOVEL);
        }
        PatchDictionaryFigures.reconstructions(run.resolve(PatchDictionaryFigures.RECON_TRAIN), trainExamples, trainRecon, 3);
        first.add(PatchDictionaryFigures.RECON_TRAIN);
        figures.addAll(0, first);
    }

    /** Every K must find as many training patches to fit on (counted before any work, from the loaded digits). */
    private void checkKFitsPatches(long trainPatches, int digits) {
        long fitRows = config.kmeans().fitSample() == null ? trainPatches
                : Math.min(trainPatches, config.kmeans().fitSample());
        for (String method : methods) {
            String key = method.equals("sparse") && config.sparse().k() != null ? "sparse.k" : "kmeans.k";
            for (int k : method.equals("sparse") ? sparseK() : config.kmeans().k()) {
                if (k > fitRows) {
                    throw new BadInputException(key + ": K = " + k + " is more than the " + fitRows
                            + " training patches to fit on (from " + digits + " training digits"
                            + (config.kmeans().fitSample() != null ? ", kmeans.fit_sample " + config.kmeans().fitSample() : "")
                            + "); expected K <= " + fitRows);
                }
            }
        }
    }

    /** The Ks of sparse coding: {@code sparse.k}, or {@code kmeans.k} when it is not set. */
    private List<Integer> sparseK() {
        return config.sparse().k() != null ? config.sparse().k() : config.kmeans().k();
    }

    /** File and folder tag of a fit: {@code k<K>} for a single-method config, else {@code <method>_k<K>}. */
    private String tag(String method, int k) {
        return config.methods() == null ? "k" + k : method + "_k" + k;
    }

    private String rowLabel(String method, int k) {
        return config.methods() == null ? "K=" + k : method + " K=" + k;
    }

    private Map<String, Object> modelMetadata(String method, KFitSummary result, long patchesTotal) {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("run_name", config.name());
        meta.put("algorithm", method);
        meta.put("engine", config.kmeans().engine());
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
                config.patches().stride(), tiling.configName(), patchesTotal, patchesFit, testPatches, methods, config.kmeans().engine(),
                config.kmeans().algorithm(), config.kmeans().init(), config.sparse().nonZeros(), threads,
                List.copyOf(results), elbowK, "test_mse", config.output().saveModel() ? modelRoot.toString() : null,
                (System.nanoTime() - start) / 1e9);
    }

    /** The elbow of the test MSE of the first method, once it has three Ks. */
    private Integer elbow(List<KFitSummary> results) {
        List<KFitSummary> first = results.stream().filter(r -> r.method().equals(methods.get(0))).toList();
        if (first.size() < 3) {
            return null;
        }
        double[] k = first.stream().mapToDouble(KFitSummary::k).toArray();
        double[] mse = first.stream().mapToDouble(KFitSummary::testMse).toArray();
        return first.get(Elbow.index(k, mse)).k();
    }

    private static List<float[]> rows(PointBlocks x) {
        List<float[]> out = new ArrayList<>();
        for (long i = 0; i < x.rows(); i++) {
            float[] row = new float[x.dim()];
            x.copyRow(i, row, 0);
            out.add(row);
        }
        return out;
    }

    /** Of the given rows, the one whose pixels vary most (largest variance: a stroke's edge, not a solid patch). */
    private static long mostVaried(PointBlocks x, long[] rows) {
        float[] row = new float[x.dim()];
        long best = rows.length == 0 ? 0 : rows[0];
        double bestVariance = -1;
        for (long r : rows) {
            x.copyRow(r, row, 0);
            double sum = 0;
            double sumSq = 0;
            for (float v : row) {
                sum += v;
                sumSq += (double) v * v;
            }
            double variance = sumSq / row.length - (sum / row.length) * (sum / row.length);
            if (variance > bestVariance) {
                bestVariance = variance;
                best = r;
            }
        }
        return best;
    }

    private static ImageSet limit(ImageSet images, Integer limit) {
        return limit == null ? images : images.head(limit);
    }

    private static long[] exampleRows(long n, int count, long seed) {
        int m = (int) Math.min(n, count);
        long[] rows = Seeding.distinctIndices(n, m, RandomStreams.random(seed, "figure.patch_examples"));
        Arrays.sort(rows);
        return rows;
    }

    private static String seconds(long startNanos) {
        return fmt((System.nanoTime() - startNanos) / 1e9);
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4g", v);
    }
}
