package dev.latentlab.task.vaegmm;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.latentlab.BadInputException;
import dev.latentlab.config.ConfigYaml;
import dev.latentlab.config.ResumeGuard;
import dev.latentlab.config.VaeGmmConfig;
import dev.latentlab.data.Augmentation;
import dev.latentlab.data.ImageSetIterator;
import dev.latentlab.data.LatentsNpz;
import dev.latentlab.data.TrainValidationSplit;
import dev.latentlab.eval.ClassificationReport;
import dev.latentlab.latent.ComponentSelection;
import dev.latentlab.latent.FeatureReference;
import dev.latentlab.latent.LatentClassifier;
import dev.latentlab.latent.LatentClassifierFiles;
import dev.latentlab.latent.LatentProjection;
import dev.latentlab.latent.UnknownDetector;
import dev.latentlab.latent.UnknownSummary;
import dev.latentlab.latent.ValidationLoss;
import dev.latentlab.manifold.LatentEmbedding;
import dev.latentlab.manifold.UmapOptions;
import dev.latentlab.report.HtmlReport;
import dev.latentlab.report.RunDirectory;
import dev.latentlab.report.Significant;
import dev.latentlab.store.ModelFolder;
import dev.latentlab.store.NameLock;
import dev.latentlab.store.Provenance;
import dev.latentlab.task.latentmixture.GmmSection;
import dev.latentlab.task.latentmixture.LatentSpaceFigure;
import dev.latentlab.task.latentmixture.OnePerClassFigures;
import dev.latentlab.vae.BatchSource;
import dev.latentlab.vae.CheckpointFiles;
import dev.latentlab.vae.DenseArchitecture;
import dev.latentlab.vae.EpochStats;
import dev.latentlab.vae.IteratorBatches;
import dev.latentlab.vae.LossTerms;
import dev.latentlab.vae.ModelArchitecture;
import dev.latentlab.vae.TrainerOptions;
import dev.latentlab.vae.TrainingListener;
import dev.latentlab.vae.TrainingResult;
import dev.latentlab.vae.VaeArchitecture;
import dev.latentlab.vae.VaeModel;
import dev.latentlab.vae.VaeTrainer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
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
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Summary(String name, List<Integer> digits, int trainImages, int validationImages,
                          int epochsRun, int bestEpoch, double bestValLoss, boolean stoppedEarly, double secondsPerEpoch,
                          int gmmComponents, String gmmComponentsChosenBy, List<ComponentSelection.Candidate> gmmCandidates,
                          ClassificationReport validation, List<ClassificationReport> evaluations,
                          OnePerClassFigures oneComponentPerClass, UnknownSummary unknownInputs, String modelDir,
                          double secondsTotal) {
    }

    /** Runs the task; returns the run folder. Bad data is reported before the run folder is made. */
    public Path run() throws IOException {
        long start = System.nanoTime();
        ModelArchitecture architecture = architecture();
        VaeGmmInputs inputs = VaeGmmInputs.load(config, architecture);
        TrainValidationSplit split = TrainValidationSplit.of(inputs.training(), config.data().validationFraction(),
                config.seed());
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
                return run.execute(() -> runIn(run, inputs, split, architecture, modelDir, checkpoint, start));
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

    /** The steps of the task, in its run folder. */
    private Path runIn(RunDirectory run, VaeGmmInputs inputs, TrainValidationSplit split,
                       ModelArchitecture architecture, Path modelDir, Path checkpoint, long start) throws IOException {
        run.writeConfig(ConfigYaml.toYaml(config));
        LOG.info("run folder {}", run.path());
        LOG.info("digits {}: {} training, {} validation images", config.data().digits(), split.train().count(),
                split.validation().count());
        if (config.data().withTestImages()) {
            LOG.info("data.split all: {} training and test images together", split.train().count()
                    + split.validation().count());
        }
        TrainingResult training = train(run, split, architecture, checkpoint);
        LOG.info("best epoch {} of {} (validation loss {}){}", training.bestEpoch(), training.lastEpoch(),
                Significant.four(training.bestValidation()), training.stoppedEarly() ? ", stopped early" : "");
        LatentCodes codes = LatentCodes.of(training.best(), split, config.report().gridImages(), config.seed());
        FittedClassifier fitted = fitClassifier(codes, split, modelDir);
        if (config.output().saveModel()) {    // before the figures: a failing figure must not lose the model
            save(fitted, codes, training, split.train().distinctLabels(), inputs.classNames(), modelDir,
                    run.provenance());
        }
        Evaluations evaluations = Evaluations.of(fitted, split, inputs.heldOut());
        figures(run, codes, fitted, training, split, architecture);
        codes.latents().write(run.resolve(LatentsNpz.FILE));
        run.writeSummary(summary(split, training, fitted, evaluations, modelDir, start));
        if (!config.output().saveModel()) {
            new CheckpointFiles(checkpoint).delete();   // save_model: false keeps nothing under models/ once done
        }
        HtmlReport.forRun(run.path()).title("VAE + GMM " + config.name()).imageOrder(List.of(VaeFigures.LOSS,
                VaeFigures.LOSS_TERMS, VaeFigures.RECONSTRUCTIONS, LatentSpaceFigure.FILE, VaeFigures.SAMPLES))
                .captions(VaeFigures::caption).write();
        LOG.info("done in {} s: {}", Significant.four((System.nanoTime() - start) / 1e9), run.path());
        return run.path();
    }

    /**
     * The mixture on the training codes (or their UMAP embedding) with the number of components chosen by
     * validation accuracy, the classifier it makes with the model, and the unknown-input detector.
     */
    private FittedClassifier fitClassifier(LatentCodes codes, TrainValidationSplit split, Path modelDir) {
        VaeGmmConfig.Gmm g = config.gmm();
        LatentEmbedding embedding = g.usesUmap() ? umap(codes.trainZ()) : null;
        double[][] trainX = embedding == null ? codes.trainZ() : embedding.embedding();
        double[][] valX = embedding == null ? codes.valZ() : embedding.transform(codes.valZ());
        ComponentSelection.Result selection = ComponentSelection.select(trainX, split.train().labels(), valX,
                split.validation().labels(), g.components(), GmmSection.options(g, config.seed()),
                ComponentSelection.Criterion.VAL_ACCURACY, embedding == null ? GmmSection.warmStart(g, modelDir) : null);
        for (ComponentSelection.Candidate c : selection.candidates()) {
            LOG.info("GMM {} components: validation accuracy {}, train accuracy {}, BIC {}", c.components(),
                    Significant.four(c.validationAccuracy()), Significant.four(c.trainAccuracy()),
                    Significant.four(c.bic()));
        }
        LOG.info("chosen: {} components (validation accuracy {})", selection.chosen().components(),
                Significant.four(selection.chosen().validationAccuracy()));
        LatentClassifier model = new LatentClassifier(codes.vae(), embedding, selection.best());
        UnknownDetector detector = UnknownDetector.calibrate(codes.trainZ(), codes.valZ(), codes.trainFeatures(),
                codes.valFeatures(), g.rejectQuantile());
        LOG.info("unknown inputs: score {} above {} (the {} quantile of the validation images) is flagged",
                detector.settings().score(), Significant.four(detector.settings().threshold()), g.rejectQuantile());
        return new FittedClassifier(model, embedding, trainX, valX, selection, detector);
    }

    private void figures(RunDirectory run, LatentCodes codes, FittedClassifier fitted, TrainingResult training,
                         TrainValidationSplit split, ModelArchitecture architecture) throws IOException {
        try (INDArray firstImages = codes.firstImages()) {
            VaeFigures.reconstructions(run.resolve(VaeFigures.RECONSTRUCTIONS), firstImages, codes.vae());
        }
        VaeFigures.lossCurves(run.path(), training.history(), LossTerms.of(architecture));
        LatentSpaceFigure.draw(run.resolve(LatentSpaceFigure.FILE), fitted.trainX(), split.train().labels(),
                fitted.selection().best(), LatentProjection.fit(fitted.trainX()),
                fitted.embedding() == null ? "Latent means" : "UMAP embedding of the latent means",
                config.report().scatterPoints(), config.seed());
        if (architecture.variational()) {   // as the sample command: a plain autoencoder has no prior to sample
            VaeFigures.componentSamples(run.resolve(VaeFigures.SAMPLES), fitted.model(),
                    config.report().samplesPerComponent(), config.seed());
        }
    }

    private Summary summary(TrainValidationSplit split, TrainingResult training, FittedClassifier fitted,
                            Evaluations evaluations, Path modelDir, long start) {
        ComponentSelection.Result selection = fitted.selection();
        return new Summary(config.name(), config.data().digits(), split.train().count(),
                split.validation().count(), training.lastEpoch(), training.bestEpoch(), training.bestValidation(),
                training.stoppedEarly(), training.history().stream().mapToDouble(EpochStats::seconds).average().orElse(0),
                selection.chosen().components(), "val_accuracy", selection.candidates(), evaluations.validation(),
                evaluations.chosen(), evaluations.onePerClass(), UnknownSummary.of(fitted.detector(),
                evaluations.flagged()), config.output().saveModel() ? modelDir.toString() : null,
                (System.nanoTime() - start) / 1e9);
    }

    /** Writes VAE, GMM, model.json and latents into a new model folder and swaps it in whole. */
    private void save(FittedClassifier fitted, LatentCodes codes, TrainingResult training, int[] labels,
                      List<String> classNames, Path modelDir, Provenance provenance) throws IOException {
        ComponentSelection.Result selection = fitted.selection();
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
        meta.put("provenance", provenance);
        meta.put("config", ConfigYaml.toYaml(config));
        try (ModelFolder folder = ModelFolder.begin(modelDir)) {
            LatentClassifierFiles.save(fitted.model(), folder.dir(), meta, folder.id(), fitted.detector().settings());
            codes.latents().write(folder.dir().resolve(LatentsNpz.FILE));
            ValidationLoss.write(folder.dir().resolve(ValidationLoss.FILE), codes.valLoss());
            if (codes.trainFeatures() != null) {
                FeatureReference.write(folder.dir().resolve(FeatureReference.FILE), codes.trainFeatures());
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
        LOG.info("UMAP: done in {} s", Significant.four((System.nanoTime() - start) / 1e9));
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
}
