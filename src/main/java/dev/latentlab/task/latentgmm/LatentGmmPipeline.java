package dev.latentlab.task.latentgmm;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.latentlab.BadInputException;
import dev.latentlab.config.ConfigYaml;
import dev.latentlab.config.LatentGmmConfig;
import dev.latentlab.config.OptionNames;
import dev.latentlab.config.VaeGmmConfig;
import dev.latentlab.data.LatentsNpz;
import dev.latentlab.eval.ClassificationReport;
import dev.latentlab.latent.ComponentSelection;
import dev.latentlab.latent.LatentProjection;
import dev.latentlab.mixture.GmmFiles;
import dev.latentlab.report.HtmlReport;
import dev.latentlab.report.LinePlot;
import dev.latentlab.report.MetricsCsv;
import dev.latentlab.report.RunDirectory;
import dev.latentlab.store.ModelFolder;
import dev.latentlab.store.NameLock;
import dev.latentlab.task.latentmixture.GmmSection;
import dev.latentlab.task.latentmixture.LatentSpaceFigure;
import dev.latentlab.task.latentmixture.OnePerClassFigures;
import dev.latentlab.task.latentmixture.PredictionReports;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Task {@value LatentGmmConfig#TASK}: Gaussian mixtures on fixed VAE latents. Reads a latents.npz, fits one
 * mixture per component count (n_init restarts each), maps components to majority labels, chooses by validation
 * accuracy or BIC, and writes metrics.csv (one row per count), BIC/AIC and accuracy plots, the latent scatter with
 * the chosen mixture's ellipses, summary.json, report.html, and the chosen mixture under models/&lt;name&gt;/gmm.
 */
public final class LatentGmmPipeline {
    private static final Logger LOG = LoggerFactory.getLogger(LatentGmmPipeline.class);
    static final String CRITERIA = "criteria_vs_components.png";
    static final String ACCURACY = "accuracy_vs_components.png";

    private final LatentGmmConfig config;

    public LatentGmmPipeline(LatentGmmConfig config) {
        this.config = config;
    }

    /** The run's summary.json. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Summary(String name, String task, String latents, int latentDim, int trainPoints, int validationPoints,
                          String selectBy, int gmmComponents, ComponentSelection.Candidate chosen,
                          List<ComponentSelection.Candidate> gmmCandidates, ClassificationReport validation,
                          OnePerClassFigures oneComponentPerClass, String modelDir, double secondsTotal) {
    }

    /** Runs the task; returns the run folder. A bad latents file is reported before the run folder is made. */
    public Path run() throws IOException {
        long start = System.nanoTime();
        LatentsNpz z = LatentsNpz.read(Path.of(config.latents()));
        int most = config.gmm().components().stream().mapToInt(Integer::intValue).max().orElse(0);
        if (most > z.trainMu().length) {
            throw new BadInputException("gmm.components: " + most + " components, but " + config.latents() + " holds "
                    + z.trainMu().length + " training codes (expected at most one component per code)");
        }
        Path modelDir = Path.of(config.output().modelsDir(), config.name());
        try (NameLock lock = NameLock.acquire(modelDir.resolveSibling(config.name() + ".lock"), "model " + modelDir);
             RunDirectory run = RunDirectory.create(Path.of(config.output().runsDir()), config.name())) {
            run.onInterrupt(lock::close);
            return run.execute(() -> runIn(run, z, modelDir, start));
        }
    }

    /** The steps of the task, in its run folder. */
    private Path runIn(RunDirectory run, LatentsNpz z, Path modelDir, long start) throws IOException {
        run.writeConfig(ConfigYaml.toYaml(config));
        LOG.info("run folder {}: {} training and {} validation codes of dimension {} from {}", run.path(),
                z.trainMu().length, z.valMu().length, z.dim(), config.latents());
        ComponentSelection.Result selection = select(run, z, modelDir);
        ClassificationReport validation = PredictionReports.of("validation", z.valLabels(),
                selection.best().classify(z.valMu()));
        OnePerClassFigures onePerClass = new OnePerClassFigures(selection.onePerClassCandidate().components(),
                PredictionReports.of("validation", z.valLabels(), selection.onePerClass().classify(z.valMu())),
                List.of());
        LOG.info("validation, {} components\n{}one component per class\n{}", selection.chosen().components(),
                validation.toTable(), onePerClass.validation().toTable());
        if (config.output().saveModel()) {     // before the figures: a failing figure must not lose the model
            try (ModelFolder folder = ModelFolder.begin(modelDir)) {
                GmmFiles.save(selection.best(), folder.dir().resolve("gmm"), run.provenance());
                folder.commit();
            }
        }
        figures(run, z, selection);
        run.writeSummary(new Summary(config.name(), LatentGmmConfig.TASK, config.latents(), z.dim(),
                z.trainMu().length, z.valMu().length, OptionNames.of(config.selectBy()), selection.chosen().components(),
                selection.chosen(), selection.candidates(), validation, onePerClass,
                config.output().saveModel() ? modelDir.toString() : null, (System.nanoTime() - start) / 1e9));
        HtmlReport.forRun(run.path()).title("GMM on latents " + config.name())
                .imageOrder(List.of(CRITERIA, ACCURACY, LatentSpaceFigure.FILE)).captions(LatentGmmPipeline::caption)
                .write();
        return run.path();
    }

    /** A mixture per candidate number of components, one row each in metrics.csv, the best by gmm.select_by. */
    private ComponentSelection.Result select(RunDirectory run, LatentsNpz z, Path modelDir) throws IOException {
        VaeGmmConfig.Gmm g = config.gmm();
        ComponentSelection.Result selection = ComponentSelection.select(z.trainMu(), z.trainLabels(), z.valMu(),
                z.valLabels(), g.components(), GmmSection.options(g, config.seed()), config.selectBy(),
                GmmSection.warmStart(g, modelDir));
        MetricsCsv csv = MetricsCsv.create(run.resolve(MetricsCsv.DEFAULT_FILE), "components", "bic", "aic",
                "val_accuracy", "train_accuracy", "mean_log_likelihood", "converged", "seconds");
        for (ComponentSelection.Candidate c : selection.candidates()) {
            LOG.info("GMM {} components: BIC {}, AIC {}, validation accuracy {}", c.components(), c.bic(), c.aic(),
                    c.validationAccuracy());
            csv.append(c.components(), c.bic(), c.aic(), c.validationAccuracy(), c.trainAccuracy(),
                    c.meanLogLikelihood(), c.converged(), c.seconds());
        }
        LOG.info("chosen by {}: {} components", OptionNames.of(config.selectBy()), selection.chosen().components());
        return selection;
    }

    /** What the figure {@code file} of a latent_gmm run shows, for the report; null for a file not drawn here. */
    static String caption(String file) {
        return switch (file) {
            case CRITERIA -> "BIC and AIC of the mixture against its number of components (lower is better).";
            case ACCURACY -> "Validation and training accuracy of the mixture used as a classifier against its number "
                    + "of components.";
            case LatentSpaceFigure.FILE -> LatentSpaceFigure.CAPTION;
            default -> null;
        };
    }

    private void figures(RunDirectory run, LatentsNpz z, ComponentSelection.Result selection) throws IOException {
        List<ComponentSelection.Candidate> cs = selection.candidates();
        double[] k = cs.stream().mapToDouble(ComponentSelection.Candidate::components).toArray();
        if (cs.size() > 1) {
            LinePlot.titled("BIC and AIC vs components").axes("components", "criterion (lower is better)")
                    .markers(true)
                    .series("BIC", k, cs.stream().mapToDouble(ComponentSelection.Candidate::bic).toArray())
                    .series("AIC", k, cs.stream().mapToDouble(ComponentSelection.Candidate::aic).toArray())
                    .writePng(run.resolve(CRITERIA));
            LinePlot.titled("Accuracy vs components").axes("components", "accuracy").markers(true)
                    .series("validation", k,
                            cs.stream().mapToDouble(ComponentSelection.Candidate::validationAccuracy).toArray())
                    .series("train", k, cs.stream().mapToDouble(ComponentSelection.Candidate::trainAccuracy).toArray())
                    .writePng(run.resolve(ACCURACY));
        }
        LatentSpaceFigure.draw(run.resolve(LatentSpaceFigure.FILE), z.trainMu(), z.trainLabels(), selection.best(),
                LatentProjection.fit(z.trainMu()), "Latent means", config.report().scatterPoints(), config.seed());
    }
}
