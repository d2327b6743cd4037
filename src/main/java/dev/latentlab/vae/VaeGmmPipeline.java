package dev.latentlab.vae;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.latentlab.BadInputException;
import dev.latentlab.config.ConfigYaml;
import dev.latentlab.config.ResumeGuard;
import dev.latentlab.config.VaeGmmConfig;
import dev.latentlab.data.Augmentation;
import dev.latentlab.data.ImageFormat;
import dev.latentlab.data.ImageSet;
import dev.latentlab.data.ImageSetIterator;
import dev.latentlab.data.ImageTensors;
import dev.latentlab.data.LatentsNpz;
import dev.latentlab.data.FolderImages;
import dev.latentlab.data.IdxDatasets;
import dev.latentlab.data.ImageFolderReader;
import dev.latentlab.data.PictureLoader;
import dev.latentlab.data.MnistFiles;
import dev.latentlab.data.NpzReader;
import dev.latentlab.data.TrainValidationSplit;
import dev.latentlab.eval.ClassificationReport;
import dev.latentlab.manifold.LatentEmbedding;
import dev.latentlab.manifold.UmapOptions;
import dev.latentlab.mixture.GmmOptions;
import dev.latentlab.mixture.MixturePrediction;
import dev.latentlab.report.HtmlReport;
import dev.latentlab.report.RunDirectory;
import dev.latentlab.store.ModelFolder;
import dev.latentlab.store.NameLock;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code vae_gmm} task: trains the model (the convolutional VAE, or the dense autoencoder of
 * {@code model.type: dense}) on the chosen digits (early stopping, plateau learning
 * rate, best-model checkpoint, resumable), fits Gaussian mixtures on the latent means and keeps the one whose
 * component → majority-label classifier is most accurate on the validation split, evaluates it on held-out digits,
 * saves VAE + GMM under {@code models/<name>/} and writes the run folder.
 */
public final class VaeGmmPipeline {
    private static final Logger LOG = LoggerFactory.getLogger(VaeGmmPipeline.class);

    private final VaeGmmConfig config;
    private final boolean resume;
    /** The class folder names of data.source folder when they are not numbers (label i is name i); else empty. */
    private List<String> classNames = List.of();
    /** The class folder names of data.source folder. */
    private List<String> trainClassNames = List.of();

    private final TrainingListener watcher;

    /** @param resume continue the training of {@code models/<name>.checkpoint} instead of starting afresh */
    public VaeGmmPipeline(VaeGmmConfig config, boolean resume) {
        this(config, resume, TrainingListener.NONE);
    }

    /** @param watcher also told of every batch and epoch (e.g. the {@code --ui} server) */
    public VaeGmmPipeline(VaeGmmConfig config, boolean resume, TrainingListener watcher) {
        this.config = config;
        this.resume = resume;
        this.watcher = watcher;
    }

    /** The summary.json of a run. */
    public record Summary(
            @JsonProperty("name") String name,
            @JsonProperty("digits") List<Integer> digits,
            @JsonProperty("train_images") int trainImages,
            @JsonProperty("validation_images") int validationImages,
            @JsonProperty("epochs_run") int epochsRun,
            @JsonProperty("best_epoch") int bestEpoch,
            @JsonProperty("best_val_loss") double bestValidationLoss,
            @JsonProperty("stopped_early") boolean stoppedEarly,
            @JsonProperty("seconds_per_epoch") double secondsPerEpoch,
            @JsonProperty("gmm_components") int components,
            @JsonProperty("gmm_components_chosen_by") String chosenBy,
            @JsonProperty("gmm_candidates") List<ComponentSelection.Candidate> candidates,
            @JsonProperty("validation") ClassificationReport validation,
            @JsonProperty("evaluations") List<ClassificationReport> evaluations,
            @JsonProperty("one_component_per_class") OnePerClassFigures onePerClass,
            @JsonProperty("unknown_inputs") UnknownSummary unknownInputs,
            @JsonProperty("model_dir") String modelDir,
            @JsonProperty("seconds_total") double secondsTotal) {
    }

    /** Runs the task; returns the run folder. Bad data is reported before the run folder is made. */
    public Path run() throws IOException {
        long start = System.nanoTime();
        ModelArchitecture architecture = architecture();
        VaeGmmConfig.Data d = config.data();
        if (d.fetch() && (IdxDatasets.isIdx(d.source()) || (d.source().equals("npz") && config.evaluate().mnistTest()))) {
            IdxDatasets.ensure(idxSource(), IdxDatasets.dir(idxSource(), d.dir()));
        }
        ImageSet all = trainingImages(architecture);
        Map<String, ImageSet> heldOut = new LinkedHashMap<>();
        for (Map.Entry<String, ImageSet> e : heldOutSets().entrySet()) {
            heldOut.put(e.getKey(), LatentClassifier.conform(architecture, e.getValue(), "evaluate: " + e.getKey()));
        }
        if (config.evaluate().fitted()) {   // the transductive protocol: every image fitted on, scored
            heldOut.put(VaeGmmConfig.Evaluate.FITTED, all);
        }
        TrainValidationSplit split = TrainValidationSplit.of(all, config.data().validationFraction(), config.seed());
        checkComponents(split);
        Path modelDir = Path.of(config.output().modelsDir(), config.name());
        Path checkpoint = checkpointDir(modelDir);
        try (NameLock lock = NameLock.acquire(modelDir.resolveSibling(config.name() + ".lock"), "model " + modelDir)) {
            ModelFolder.recover(modelDir);
            if (resume) {
                checkResumable(new CheckpointFiles(checkpoint));
            }
            try (RunDirectory run = RunDirectory.create(Path.of(config.output().runsDir()), config.name())) {
                run.onInterrupt(lock::close);
                return run.execute(() -> runIn(run, split, architecture, heldOut, modelDir, checkpoint, start));
            }
        }
    }

    /** The training checkpoint of a model folder: a sibling, so that the model folder can be replaced whole. */
    static Path checkpointDir(Path modelDir) {
        return modelDir.resolveSibling(modelDir.getFileName() + ".checkpoint");
    }

    /** The largest number of GMM components must not exceed the training latents (EM needs a point per component). */
    private void checkComponents(TrainValidationSplit split) {
        int most = config.gmm().components().stream().mapToInt(Integer::intValue).max().orElse(0);
        if (most > split.train().count()) {
            throw new BadInputException("gmm.components: " + most + " components, but the training split holds "
                    + split.train().count() + " images (expected at most one component per training image)");
        }
    }

    /** {@code --resume} needs a checkpoint made with the same seed, data and model keys. */
    private void checkResumable(CheckpointFiles checkpoint) throws IOException {
        if (!checkpoint.exists()) {
            throw new BadInputException("--resume: no checkpoint to resume in " + checkpoint.dir()
                    + " (expected state.json from an earlier run of " + config.name() + ")");
        }
        String stored = checkpoint.readConfig();
        if (stored == null) {
            LOG.warn("{}: the checkpoint records no config (written by an older version); --resume cannot check "
                    + "that seed, data and model are unchanged", checkpoint.dir());
            return;
        }
        ResumeGuard.check(stored, ConfigYaml.toYaml(config), ConfigYaml.toYaml(VaeGmmConfig.DEFAULTS),
                ResumeGuard.MODEL_AND_DATA,
                checkpoint.dir().resolve(CheckpointFiles.CONFIG).toString());
    }

    private Path runIn(RunDirectory run, TrainValidationSplit split, ModelArchitecture architecture,
                       Map<String, ImageSet> heldOut, Path modelDir, Path checkpoint, long start) throws IOException {
        run.writeConfig(ConfigYaml.toYaml(config));
        LOG.info("run folder {}", run.path());
        LOG.info("digits {}: {} training, {} validation images", config.data().digits(), split.train().count(),
                split.validation().count());
        if (config.data().withTestImages()) {
            LOG.info("data.split all: {} training and test images together", split.train().count()
                    + split.validation().count());
        }
        TrainingResult training = train(run, split, architecture, checkpoint);
        VaeModel vae = training.best();
        LOG.info("best epoch {} of {} (validation loss {}){}", training.bestEpoch(), training.lastEpoch(),
                fmt(training.bestValidation()), training.stoppedEarly() ? ", stopped early" : "");

        double[][] trainZ;
        double[][] valZ;
        double[][] valLoss;
        double[][] trainFeatures;   // null for a dense model
        double[][] valFeatures;
        INDArray firstImages;
        try (INDArray trainImages = ImageTensors.unit(split.train());
             INDArray valImages = ImageTensors.unit(split.validation())) {
            trainZ = LatentClassifier.latentMeans(vae, trainImages);
            valZ = LatentClassifier.latentMeans(vae, valImages);
            valLoss = vae.imageLoss(valImages);   // every score's threshold can be recomputed from the model folder
            trainFeatures = FeatureReference.sample(vae, trainImages, config.seed());
            valFeatures = vae.encoderFeatures(valImages);
            int shown = Math.min(config.report().gridImages(), split.validation().count());
            firstImages = valImages.get(NDArrayIndex.interval(0, shown), NDArrayIndex.all(),
                    NDArrayIndex.all(), NDArrayIndex.all()).dup();
        }
        VaeGmmConfig.Gmm g = config.gmm();
        LatentEmbedding embedding = g.usesUmap() ? umap(trainZ) : null;
        double[][] trainX = embedding == null ? trainZ : embedding.embedding();
        double[][] valX = embedding == null ? valZ : embedding.transform(valZ);
        GmmOptions options = GmmSection.options(g, config.seed());
        ComponentSelection.Result selection = ComponentSelection.select(trainX, split.train().labels(), valX,
                split.validation().labels(), g.components(), options, ComponentSelection.Criterion.VAL_ACCURACY,
                embedding == null ? GmmSection.warmStart(g, modelDir) : null);
        for (ComponentSelection.Candidate c : selection.candidates()) {
            LOG.info("GMM {} components: validation accuracy {}, train accuracy {}, BIC {}", c.components(),
                    fmt(c.validationAccuracy()), fmt(c.trainAccuracy()), fmt(c.bic()));
        }
        LOG.info("chosen: {} components (validation accuracy {})", selection.chosen().components(),
                fmt(selection.chosen().validationAccuracy()));
        LatentClassifier model = new LatentClassifier(vae, embedding, selection.best());
        UnknownDetector detector = UnknownDetector.calibrate(trainZ, valZ, trainFeatures, valFeatures, g.rejectQuantile());
        LOG.info("unknown inputs: score {} above {} (the {} quantile of the validation images) is flagged",
                detector.settings().score(), fmt(detector.settings().threshold()), g.rejectQuantile());
        LatentsNpz latents = new LatentsNpz(trainZ, split.train().labels(), valZ, split.validation().labels());
        if (config.output().saveModel()) {    // before the figures: a failing figure must not lose the model
            save(model, detector, latents, valLoss, trainFeatures, training, selection, split.train().distinctLabels(),
                    modelDir);
        }

        ClassificationReport validation = report("validation", split.validation().labels(),
                selection.best().classify(valX));
        ClassificationReport perClassValidation = report("validation", split.validation().labels(),
                selection.onePerClass().classify(valX));
        LOG.info("one component per class ({}): validation accuracy {}, Hungarian accuracy {}, NMI {}, ARI {}",
                selection.onePerClassCandidate().components(), fmt(perClassValidation.accuracy()),
                fmt(perClassValidation.hungarianAccuracy()), fmt(perClassValidation.nmi()),
                fmt(perClassValidation.ari()));
        List<ClassificationReport> evaluations = new ArrayList<>();
        List<ClassificationReport> perClassEvaluations = new ArrayList<>();
        Map<String, Double> flagged = new LinkedHashMap<>();
        for (Map.Entry<String, ImageSet> e : heldOut.entrySet()) {
            try (INDArray images = ImageTensors.unit(e.getValue())) {
                // Encoded (and placed in the embedding) once, classified by both mixtures.
                double[][] mu = model.encode(images);
                double[][] x = model.mixtureInput(mu);
                flagged.put(e.getKey(), detector.apply(model, images, mu).flaggedShare());
                ClassificationReport report = report(e.getKey(), e.getValue().labels(), selection.best().classify(x));
                evaluations.add(report);
                LOG.info("evaluation, {} components\n{}", selection.chosen().components(), report.toTable());
                ClassificationReport perClass = report(e.getKey(), e.getValue().labels(),
                        selection.onePerClass().classify(x));
                perClassEvaluations.add(perClass);
                LOG.info("evaluation, one component per class\n{}", perClass.toTable());
            }
        }
        OnePerClassFigures onePerClass = new OnePerClassFigures(selection.onePerClassCandidate().components(),
                perClassValidation, List.copyOf(perClassEvaluations));

        try (firstImages) {
            VaeFigures.reconstructions(run.resolve(VaeFigures.RECONSTRUCTIONS), firstImages, vae);
        }
        VaeFigures.lossCurves(run.path(), training.history(), LossTerms.of(architecture));
        VaeFigures.latentSpace(run.resolve(VaeFigures.LATENT), trainX, split.train().labels(), selection.best(),
                LatentProjection.fit(trainX), embedding == null ? "Latent means" : "UMAP embedding of the latent means",
                config.report().scatterPoints(), config.seed());
        if (architecture.variational()) {   // as the sample command: a plain autoencoder has no prior to sample
            VaeFigures.componentSamples(run.resolve(VaeFigures.SAMPLES), model, config.report().samplesPerComponent(),
                    config.seed());
        }
        latents.write(run.resolve(LatentsNpz.FILE));

        Summary summary = new Summary(config.name(), config.data().digits(), split.train().count(),
                split.validation().count(), training.lastEpoch(), training.bestEpoch(), training.bestValidation(),
                training.stoppedEarly(), training.history().stream().mapToDouble(EpochStats::seconds).average().orElse(0),
                selection.chosen().components(), "val_accuracy", selection.candidates(), validation,
                List.copyOf(evaluations), onePerClass, UnknownSummary.of(detector, flagged),
                config.output().saveModel() ? modelDir.toString() : null, (System.nanoTime() - start) / 1e9);
        run.writeSummary(summary);
        if (!config.output().saveModel()) {
            new CheckpointFiles(checkpoint).delete();   // save_model: false keeps nothing under models/ once done
        }
        HtmlReport.forRun(run.path()).title("VAE + GMM " + config.name()).imageOrder(List.of(VaeFigures.LOSS,
                VaeFigures.LOSS_TERMS, VaeFigures.RECONSTRUCTIONS, VaeFigures.LATENT, VaeFigures.SAMPLES))
                .captions(VaeFigures::caption).write();
        LOG.info("done in {} s: {}", fmt((System.nanoTime() - start) / 1e9), run.path());
        return run.path();
    }

    /** Writes VAE, GMM, model.json and latents into a new model folder and swaps it in whole. */
    private void save(LatentClassifier model, UnknownDetector detector, LatentsNpz latents, double[][] valLoss,
                      double[][] trainFeatures, TrainingResult training,
                      ComponentSelection.Result selection, int[] labels, Path modelDir) throws IOException {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("run_name", config.name());
        meta.put("digits", config.data().digits());
        if (!classNames.isEmpty()) {
            meta.put("class_names", classNames);   // label i ↔ class_names[i] (folder names that are not numbers)
        }
        meta.put("input", config.model().input());
        meta.put("labels", labels);
        meta.put("best_epoch", training.bestEpoch());
        meta.put("best_val_loss", training.bestValidation());
        meta.put("gmm_components", selection.chosen().components());
        meta.put("val_accuracy", selection.chosen().validationAccuracy());
        meta.put("nd4j_version", "1.0.0-M2.1");
        meta.put("config", ConfigYaml.toYaml(config));
        try (ModelFolder folder = ModelFolder.begin(modelDir)) {
            LatentClassifierFiles.save(model, folder.dir(), meta, folder.id(), detector.settings());
            latents.write(folder.dir().resolve(LatentsNpz.FILE));
            ValidationLoss.write(folder.dir().resolve(ValidationLoss.FILE), valLoss);
            if (trainFeatures != null) {
                FeatureReference.write(folder.dir().resolve(FeatureReference.FILE), trainFeatures);
            }
            folder.commit();
        }
        LOG.info("model saved in {}", modelDir);
    }

    /** Fits the UMAP embedding of the training latents (gmm.embedding: umap). */
    private LatentEmbedding umap(double[][] trainZ) {
        VaeGmmConfig.Umap u = config.gmm().umap();
        long start = System.nanoTime();
        LOG.info("UMAP: embedding {} training latents in {} dimensions ({} neighbours, min_dist {})", trainZ.length,
                u.components(), u.neighbors(), u.minDist());
        LatentEmbedding embedding = LatentEmbedding.fit(trainZ,
                new UmapOptions(u.components(), u.neighbors(), u.minDist(), u.epochs(), config.seed()));
        LOG.info("UMAP: done in {} s", fmt((System.nanoTime() - start) / 1e9));
        return embedding;
    }

    private ModelArchitecture architecture() {
        VaeGmmConfig.Model m = config.model();
        try {
            if (!m.usesConv()) {
                return new DenseArchitecture(m.input().get(1), m.input().get(2), m.input().get(0), m.layers(),
                        m.latentDim(), m.dropout(), m.beta(), m.variational(), m.loss());
            }
            return new VaeArchitecture(m.input().get(1), m.input().get(2), m.input().get(0), m.channels(), m.strides(),
                    m.dense(), m.latentDim(), m.dropout(), m.beta(), m.decoderDropout());
        } catch (IllegalArgumentException e) {
            throw new BadInputException("model: " + e.getMessage());
        }
    }

    private TrainingResult train(RunDirectory run, TrainValidationSplit split, ModelArchitecture architecture,
                                 Path checkpoint) throws IOException {
        VaeGmmConfig.Train t = config.train();
        CheckpointFiles files = new CheckpointFiles(checkpoint);
        if (!resume) {
            files.clear();
            files.writeConfig(ConfigYaml.toYaml(config));
        }
        run.onInterrupt(() -> {   // a checkpoint that holds no epoch yet is nothing to resume
            if (!files.exists()) {
                files.delete();
            }
        });
        TrainerOptions options = new TrainerOptions(t.epochs(), t.learningRate(), t.earlyStoppingPatience(),
                t.plateauFactor(), t.plateauPatience(), 1e-4, t.minLr(), config.seed(), checkpoint);
        VaeGmmConfig.Augment a = config.data().augment();
        Augmentation augmentation = new Augmentation(a.rotationDegrees(), a.flipProbability(), a.noiseStd(),
                a.shiftPixels());
        BatchSource trainBatches = new IteratorBatches(new ImageSetIterator(split.train(), t.batchSize(), true,
                augmentation, config.seed()));
        BatchSource valBatches = new IteratorBatches(new ImageSetIterator(split.validation(), 512, false,
                Augmentation.NONE, config.seed()));
        try (EpochReporter reporter = new EpochReporter(run, t.epochs(), "VAE + GMM " + config.name(),
                LossTerms.of(architecture), watcher,
                "run the same command with --resume to go on from the last epoch in " + checkpoint)) {
            VaeTrainer trainer = new VaeTrainer(options);
            return resume ? trainer.resume(trainBatches, valBatches, reporter)
                    : trainer.train(VaeModel.untrained(architecture, config.seed()), trainBatches, valBatches, reporter);
        }
    }

    private ImageSet trainingImages(ModelArchitecture architecture) {
        VaeGmmConfig.Data d = config.data();
        ImageSet images;
        if (d.source().equals("npz")) {
            images = NpzReader.readImages(Path.of(d.npz()), d.imageKey(), d.labelKey(), npzFormat());
            if (images.labels() == null) {
                throw new BadInputException(d.npz() + ": no labels found (data.label_key); the GMM classifier needs them");
            }
        } else if (d.source().equals("folder")) {
            FolderImages read = folderReader().readClasses(Path.of(d.dir()), "data.dir");
            images = read.images();
            trainClassNames = read.classNames();
            if (!FolderImages.numericNames(read.classNames())) {
                classNames = read.classNames();
            }
            LOG.info("data.dir {}: {} images in classes {}", d.dir(), images.count(), read.classNames());
        } else {
            Path dir = IdxDatasets.dir(d.source(), d.dir());
            images = MnistFiles.train(dir);
            if (d.withTestImages()) {
                images = images.concat(MnistFiles.test(dir));
            }
        }
        int[] sourceLabels = images.distinctLabels();
        if (!d.digits().isEmpty()) {
            images = images.withLabels(d.digits());
        }
        if (d.trainLimit() != null) {
            images = images.head(d.trainLimit());
        }
        if (images.count() < 2) {
            throw new BadInputException("data.digits " + d.digits() + ": leaves " + images.count()
                    + " training images (expected at least 2" + (d.source().equals("folder")
                    ? "; the folder's labels are " + java.util.Arrays.toString(sourceLabels)
                    + ", data.digits: [] keeps all" : "") + ")");
        }
        if (d.source().equals("npz")) {   // model.input decides: resized to its H x W, its channels required
            return LatentClassifier.conform(architecture, images, "data.npz " + d.npz());
        }
        if (!d.source().equals("folder") && (images.height() != 28 || images.width() != 28)) {
            throw new BadInputException("data: images are " + images.height() + "x" + images.width() + ", expected 28x28");
        }
        return images;
    }

    private Map<String, ImageSet> heldOutSets() {
        VaeGmmConfig.Data d = config.data();
        Map<String, ImageSet> sets = new LinkedHashMap<>();
        if (config.evaluate().mnistTest() && !d.source().equals("folder")) {
            ImageSet test = MnistFiles.test(IdxDatasets.dir(idxSource(), d.dir()));
            sets.put(IdxDatasets.testName(idxSource()), d.digits().isEmpty() ? test : test.withLabels(d.digits()));
        }
        if (d.testDir() != null) {
            FolderImages read = folderReader().readClasses(Path.of(d.testDir()), "data.test_dir");
            List<String> unknown = read.classNames().stream().filter(n -> !trainClassNames.contains(n)).toList();
            if (!unknown.isEmpty()) {
                throw new BadInputException("data.test_dir " + d.testDir() + ": class folders " + unknown
                        + " are not among data.dir's " + trainClassNames);
            }
            if (!classNames.isEmpty()) {   // text names: label = index among data.dir's names
                read = new FolderImages(relabelByName(read), read.classNames(), read.labelValues(), read.files());
            }
            ImageSet test = read.images();
            sets.put(Path.of(d.testDir()).getFileName().toString(), d.digits().isEmpty() ? test : test.withLabels(d.digits()));
        }
        for (String file : config.evaluate().npz()) {
            ImageSet set = NpzReader.readImages(Path.of(file), null, null, npzFormat());
            if (set.labels() == null) {
                throw new BadInputException(file + ": no labels found (evaluate.npz needs labelled digits)");
            }
            sets.put(Path.of(file).getFileName().toString(), set);
        }
        return sets;
    }

    /** How data.npz and evaluate.npz arrays are read: data.layout and data.scale. */
    private ImageFormat npzFormat() {
        return ImageFormat.ofConfig(config.data().layout(), config.data().scale());
    }

    /** The idx dataset: data.source, or MNIST when training on an npz (its t10k evaluation). */
    private String idxSource() {
        return IdxDatasets.isIdx(config.data().source()) ? config.data().source() : "mnist";
    }

    private ImageFolderReader folderReader() {
        List<Integer> in = config.model().input();
        return new ImageFolderReader(in.get(0), in.get(1), in.get(2),
                PictureLoader.Invert.valueOf(config.data().invert().toUpperCase(java.util.Locale.ROOT)));
    }

    /** The test pictures labelled by the index of their folder name among data.dir's names. */
    private ImageSet relabelByName(FolderImages read) {
        ImageSet images = read.images();
        int[] labels = new int[images.count()];
        for (int i = 0; i < labels.length; i++) {
            int k = java.util.Arrays.stream(read.labelValues()).boxed().toList().indexOf(images.labels()[i]);
            labels[i] = classNames.indexOf(read.classNames().get(k));
        }
        return new ImageSet(images.count(), images.channels(), images.height(), images.width(), images.pixels(), labels);
    }

    /** The report of a prediction: majority-map figures of its labels, clustering figures of its components. */
    public static ClassificationReport report(String name, int[] truth, MixturePrediction p) {
        return ClassificationReport.of(name, truth, p.labels(), p.components());
    }

    static String fmt(double v) {
        return String.format(java.util.Locale.ROOT, "%.4g", v);
    }
}
