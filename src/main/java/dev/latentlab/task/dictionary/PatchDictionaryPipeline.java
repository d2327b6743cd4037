package dev.latentlab.task.dictionary;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.latentlab.BadInputException;
import dev.latentlab.clustering.Elbow;
import dev.latentlab.clustering.PointBlocks;
import dev.latentlab.config.ConfigYaml;
import dev.latentlab.config.OptionNames;
import dev.latentlab.config.PatchDictionaryConfig;
import dev.latentlab.data.ImageInput;
import dev.latentlab.data.ImageSet;
import dev.latentlab.data.ImageSource;
import dev.latentlab.data.PictureLoader;
import dev.latentlab.patches.DictionaryFit;
import dev.latentlab.patches.DictionaryMethod;
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
import dev.latentlab.report.Significant;
import dev.latentlab.store.ModelFolder;
import dev.latentlab.store.NameLock;
import dev.latentlab.store.Provenance;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
    private final List<DictionaryMethod> methods;
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
        this.tiling = config.patches().tiling();
    }

    /** The summary.json of a run. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Summary(String name, String task, int trainDigits, int testDigits,
                          int patchSize, int stride, String tiling, long patchesTotal, long patchesFit, long testPatchesTotal,
                          List<String> methods, String engine, String algorithm, String init, int nonZeros, int threads,
                          List<KFitSummary> results, Integer elbowK, String elbowMetric, String modelsDir,
                          double secondsTotal) {
    }

    /** Runs the task; returns the run folder. Bad data is reported before the run folder is made. */
    public Path run() throws IOException {
        long start = System.nanoTime();
        ImageSource source = source();
        if (source.kind().isIdx()) {
            ImageInput.fetchIdx(source);
        }
        ImageSet train = limit(ImageInput.training(source, false).images(), config.data().trainLimit());
        ImageSet test = limit(source.kind() == ImageSource.Kind.FOLDER
                ? ImageInput.testFolders(source, config.data().testDir(), "data.test_dir", null)
                : ImageInput.idxTest(source), config.data().testLimit());
        PatchExtractor patches = new PatchExtractor(config.patches().size(), config.patches().stride());
        ImageSet novel = config.report().novelImages().isEmpty() ? null : PictureLoader.load(
                config.report().novelImages().stream().map(Path::of).toList(), test.height(), test.width(),
                PictureLoader.Invert.AUTO);
        Integer codePatch = config.report().codePatch();
        if (codePatch != null && methods.contains(DictionaryMethod.SPARSE)) {
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

    /** The steps of the task, in its run folder. */
    private Path runIn(RunDirectory run, DictionaryEngine engine, ImageSet train, ImageSet test, ImageSet novel,
                       PatchExtractor patches, int threads, Path modelRoot, long start) throws IOException {
        run.writeConfig(ConfigYaml.toYaml(config));
        LOG.info("run folder {}", run.path());
        LOG.info("digits: {} train, {} test; patches {}x{} stride {}{}; methods {}; {} tiling", train.count(),
                test.count(), patches.size(), patches.size(), patches.stride(),
                config.patches().dropBlank() ? ", blank dropped" : "", methodNames(), tiling.configName());
        engine.prepare(MetricsCsv.create(run.resolve(MetricsCsv.DEFAULT_FILE), DictionaryEngine.METRICS_COLUMNS));
        long patchesTotal = engine.patchesTotal();
        DictionaryFits fits;
        try (TestSamples samples = TestSamples.of(train, test, novel, patches, config.report(), config.seed());
             // every dictionary of the run goes into one new set, swapped in whole after the last K
             ModelFolder models = config.output().saveModel() ? ModelFolder.begin(modelRoot) : null;
             PatchCoder coder = new PatchCoder(threads, config.kmeans().tileRows())) {
            fits = new DictionaryFits(run.resolve(COMPARISON_CSV));
            for (DictionaryMethod method : methods) {
                List<Integer> ks = method == DictionaryMethod.SPARSE ? sparseK() : config.kmeans().k();
                for (int i = 0; i < ks.size(); i++) {
                    LOG.info("{} K = {} ({} of {})", method.configName(), ks.get(i), i + 1, ks.size());
                    fitOne(run, engine, coder, samples, fits, models, method, ks.get(i), patchesTotal);
                    run.writeSummary(summary(train, test, patchesTotal, engine.patchesFit(),
                            samples.testPatches().rows(), threads, fits.results, elbow(fits.results), modelRoot, start));
                }
            }
            if (models != null) {
                PatchDictionaryFiles.saveSet(models.dir(), models.id(), fits.saved);
                models.commit();
                LOG.info("{} dictionaries saved in {}", fits.results.size(), modelRoot);
            }
            if (fits.codeDictionary != null) {
                writeCodeWeights(run, coder, samples, fits);
            }
            writeFigures(run, fits, samples);
        }
        HtmlReport.forRun(run.path()).title("Patch dictionary " + config.name()).imageOrder(fits.figures)
                .captions(PatchDictionaryFigures::caption).write();
        LOG.info("done in {} s: {}", seconds(start), run.path());
        return run.path();
    }

    /**
     * Fits {@code method} at {@code k}, scores it on the training and test patches and the shown digits, keeps its
     * reconstructions for the figures, draws its atlas when asked and puts it in the model set.
     */
    private void fitOne(RunDirectory run, DictionaryEngine engine, PatchCoder coder, TestSamples samples,
                        DictionaryFits fits, ModelFolder models, DictionaryMethod method, int k, long patchesTotal)
            throws IOException {
        DictionaryFit fit = engine.fit(method, k);
        PatchCodebook codebook = fit.codebook();
        double trainMse = engine.trainMse(fit, coder);
        double testMse = coder.mse(samples.testPatches(), codebook);
        ImageSet test = samples.testImages();
        float[] recon = coder.reconstruct(test, codebook, tiling);
        double reconMse = PatchReconstructor.mse(test, recon);
        float[] trainExampleRecon = coder.reconstruct(samples.trainExamples(), codebook, tiling);
        String label = rowLabel(method, k);
        fits.trainRecon.put(label, trainExampleRecon);
        fits.testRecon.put(label, Arrays.copyOf(recon, samples.testExamples().count() * test.imageSize()));
        if (samples.novel() != null) {
            fits.novelRecon.put(label, coder.reconstruct(samples.novel(), codebook, tiling));
        }
        fits.codePatchRecon.put(label, coder.approximate(samples.codePatch(), codebook, false));
        KFitSummary result = new KFitSummary(method, k, fit.iterations(), fit.converged(), fit.secondsPerIteration(),
                fit.fitSeconds(), trainMse, fit.trainMse(), testMse, reconMse, PatchReconstructor.psnr(reconMse),
                PatchReconstructor.mse(samples.trainExamples(), trainExampleRecon), fit.unused());
        fits.add(result, fit.curve());
        LOG.info("{} K = {}: train MSE {} ({} on [0,1]), test MSE {}, test reconstruction MSE {} / PSNR {} dB,"
                        + " {} iterations at {} s, fit {} s", method.configName(), k, Significant.four(result.trainMse()),
                Significant.four(result.trainMseUnit()), Significant.four(testMse), Significant.four(reconMse),
                Significant.four(result.reconPsnr()), fit.iterations(), Significant.four(fit.secondsPerIteration()),
                Significant.four(fit.fitSeconds()));
        String tag = tag(method, k);
        if (config.report().atlasK().contains(k)) {
            atlas(run, coder, samples, fits, codebook, label, tag);
        }
        int codeK = config.report().codeK() != null ? config.report().codeK() : sparseK().get(sparseK().size() - 1);
        if (codebook instanceof SparseDictionary sparse && k == codeK) {
            fits.codeDictionary = sparse;
        }
        if (models != null) {
            PatchDictionaryFiles.save(codebook, models.dir().resolve(tag),
                    modelMetadata(method, result, patchesTotal, run.provenance()), models.id());
            fits.saved.add(tag);
        }
    }

    /** The atlas and patch examples of one dictionary; a figure that fails must not lose the fits. */
    private void atlas(RunDirectory run, PatchCoder coder, TestSamples samples, DictionaryFits fits,
                       PatchCodebook codebook, String label, String tag) {
        try {   // the set is committed after the loop
            PatchDictionaryFigures.atlas(run.resolve(PatchDictionaryFigures.atlasFile(tag)), codebook);
            PatchDictionaryFigures.patchExamples(run.resolve(PatchDictionaryFigures.patchExamplesFile(tag)),
                    TestSamples.rows(samples.examples()), coder.approximate(samples.examples(), codebook, false),
                    label, config.patches().size());
            fits.figures.add(PatchDictionaryFigures.atlasFile(tag));
            fits.figures.add(PatchDictionaryFigures.patchExamplesFile(tag));
        } catch (IOException | RuntimeException e) {
            LOG.warn("the atlas of {} failed ({}); the dictionary is kept", label, e.toString());
        }
    }

    /**
     * The heat maps of the code of one test patch, with its reconstruction by every method at the same K; when the
     * dictionary's T is above 1 also the more sparse code (T = 1, same dictionary) above it, as the source document's Fig. 7.
     */
    private void writeCodeWeights(RunDirectory run, PatchCoder coder, TestSamples samples, DictionaryFits fits)
            throws IOException {
        SparseDictionary dictionary = fits.codeDictionary;
        PointBlocks codeMatrix = samples.codePatch();
        long codeRow = samples.codeRow();
        int k = dictionary.k();
        float[] patch = TestSamples.rows(codeMatrix).get(0);
        Map<String, float[]> sameK = new LinkedHashMap<>();
        Map<String, float[]> codes = new LinkedHashMap<>();
        if (dictionary.nonZeros() > 1) {
            SparseCodes sparser = coder.encode(codeMatrix, dictionary, 1);
            sameK.put("sparse T=1", sparser.approximations(dictionary.atoms()));
            codes.put(codeTitle("More sparse", codeRow, k, 1, sparser), sparser.dense(0, k));
        }
        for (DictionaryMethod method : methods) {
            float[] approx = fits.codePatchRecon.get(rowLabel(method, k));
            if (approx != null) {
                sameK.put(method == DictionaryMethod.SPARSE ? "sparse T=" + dictionary.nonZeros() : method.configName(),
                        approx);
            }
        }
        SparseCodes code = coder.encode(codeMatrix, dictionary);
        codes.put(codeTitle(codes.isEmpty() ? "Code" : "Less sparse", codeRow, k, dictionary.nonZeros(), code),
                code.dense(0, k));
        String file = PatchDictionaryFigures.codeWeightsFile(tag(DictionaryMethod.SPARSE, k));
        PatchDictionaryFigures.codeWeights(run.resolve(file), patch, sameK, codes, dictionary);
        fits.figures.add(0, file);
    }

    private static String codeTitle(String what, long row, int k, int nonZeros, SparseCodes code) {
        return String.format(Locale.ROOT, "%s: code weights of test patch %d%nK=%d atoms, at most %d non-zero; "
                + "squared error %.1f", what, row, k, nonZeros, code.squaredError());
    }

    /** The figures drawn from every fit, before the per-fit ones; then the error-against-iteration curves. */
    private void writeFigures(RunDirectory run, DictionaryFits fits, TestSamples samples) throws IOException {
        List<KFitSummary> results = fits.results;
        List<String> first = new ArrayList<>();
        if (methods.size() > 1) {
            PatchDictionaryFigures.comparison(run.resolve(PatchDictionaryFigures.COMPARISON), results, tiling.configName());
            first.add(PatchDictionaryFigures.COMPARISON);
        }
        List<KFitSummary> firstMethod = results.stream().filter(r -> r.method() == methods.get(0)).toList();
        Integer elbowK = elbow(results);
        int elbowIndex = 0;
        for (int i = 0; i < firstMethod.size(); i++) {
            if (elbowK != null && firstMethod.get(i).k() == elbowK) {
                elbowIndex = i;
            }
        }
        PatchDictionaryFigures.mseVsK(run.resolve(PatchDictionaryFigures.MSE_VS_K),
                (config.methods() == null ? "Patch dictionary" : methods.get(0).configName()) + ": MSE vs K", firstMethod,
                elbowIndex);
        first.add(PatchDictionaryFigures.MSE_VS_K);
        PatchDictionaryFigures.reconstructions(run.resolve(PatchDictionaryFigures.RECON_TEST), samples.testExamples(),
                fits.testRecon, 3);
        first.add(PatchDictionaryFigures.RECON_TEST);
        if (samples.novel() != null) {
            PatchDictionaryFigures.reconstructions(run.resolve(PatchDictionaryFigures.NOVEL), samples.novel(),
                    fits.novelRecon, 3);
            first.add(PatchDictionaryFigures.NOVEL);
        }
        PatchDictionaryFigures.reconstructions(run.resolve(PatchDictionaryFigures.RECON_TRAIN), samples.trainExamples(),
                fits.trainRecon, 3);
        first.add(PatchDictionaryFigures.RECON_TRAIN);
        fits.figures.addAll(0, first);
        for (Map.Entry<DictionaryMethod, Map<Integer, double[][]>> e : fits.curves.entrySet()) {
            String file = PatchDictionaryFigures.mseVsIterationFile(e.getKey());
            PatchDictionaryFigures.mseVsIteration(run.resolve(file), e.getKey(), e.getValue());
            fits.figures.add(file);
        }
    }

    /** The loader's view of data: (class-folder pictures are read as grey data.image_size squares). */
    private ImageSource source() {
        PatchDictionaryConfig.Data d = config.data();
        return new ImageSource(d.source(), Path.of(d.dir()), d.fetch(), null, null, null, null, d.invert(), 1,
                d.imageSize(), d.imageSize());
    }

    /** Every K must find as many training patches to fit on (counted before any work, from the loaded digits). */
    private void checkKFitsPatches(long trainPatches, int digits) {
        long fitRows = config.kmeans().fitSample() == null ? trainPatches
                : Math.min(trainPatches, config.kmeans().fitSample());
        for (DictionaryMethod method : methods) {
            boolean sparse = method == DictionaryMethod.SPARSE;
            String key = sparse && config.sparse().k() != null ? "sparse.k" : "kmeans.k";
            for (int k : sparse ? sparseK() : config.kmeans().k()) {
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
    private String tag(DictionaryMethod method, int k) {
        return config.methods() == null ? "k" + k : method.configName() + "_k" + k;
    }

    private String rowLabel(DictionaryMethod method, int k) {
        return config.methods() == null ? "K=" + k : method.configName() + " K=" + k;
    }

    /** The config names of the methods run, in order. */
    private List<String> methodNames() {
        return methods.stream().map(DictionaryMethod::configName).toList();
    }

    private Map<String, Object> modelMetadata(DictionaryMethod method, KFitSummary result, long patchesTotal,
                                              Provenance provenance) {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("run_name", config.name());
        meta.put("algorithm", method.configName());
        meta.put("engine", config.kmeans().engine().configName());
        meta.put("seed", config.seed());
        meta.put("patches_total", patchesTotal);
        meta.put("metrics", result);
        meta.put("provenance", provenance);
        meta.put("config", ConfigYaml.toYaml(config));
        return meta;
    }

    private Summary summary(ImageSet train, ImageSet test, long patchesTotal, long patchesFit, long testPatches,
                            int threads, List<KFitSummary> results, Integer elbowK, Path modelRoot, long start) {
        return new Summary(config.name(), config.task(), train.count(), test.count(), config.patches().size(),
                config.patches().stride(), tiling.configName(), patchesTotal, patchesFit, testPatches, methodNames(),
                config.kmeans().engine().configName(), config.kmeans().algorithm().configName(),
                OptionNames.of(config.kmeans().init()), config.sparse().nonZeros(), threads,
                List.copyOf(results), elbowK, "test_mse", config.output().saveModel() ? modelRoot.toString() : null,
                (System.nanoTime() - start) / 1e9);
    }

    /** The elbow of the test MSE of the first method, once it has three Ks. */
    private Integer elbow(List<KFitSummary> results) {
        List<KFitSummary> first = results.stream().filter(r -> r.method() == methods.get(0)).toList();
        if (first.size() < 3) {
            return null;
        }
        double[] k = first.stream().mapToDouble(KFitSummary::k).toArray();
        double[] mse = first.stream().mapToDouble(KFitSummary::testMse).toArray();
        return first.get(Elbow.index(k, mse)).k();
    }



    private static ImageSet limit(ImageSet images, Integer limit) {
        return limit == null ? images : images.head(limit);
    }


    private static String seconds(long startNanos) {
        return Significant.four((System.nanoTime() - startNanos) / 1e9);
    }

}
