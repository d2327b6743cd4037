package dev.latentlab.task.vaegmm;

import dev.latentlab.data.ImageSet;
import dev.latentlab.data.ImageTensors;
import dev.latentlab.data.TrainValidationSplit;
import dev.latentlab.eval.ClassificationReport;
import dev.latentlab.latent.ComponentSelection;
import dev.latentlab.report.Significant;
import dev.latentlab.task.latentmixture.OnePerClassFigures;
import dev.latentlab.task.latentmixture.PredictionReports;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scores of a vae_gmm run's classifier: on the validation split and every held-out set, with the chosen
 * mixture and with one component per class, and the share of each held-out set flagged unknown.
 *
 * @param validation  the chosen mixture on the validation split
 * @param chosen      the chosen mixture on each held-out set
 * @param onePerClass the mixture with one component per class on the validation split and each held-out set
 * @param flagged     the share of each held-out set flagged unknown
 */
record Evaluations(ClassificationReport validation, List<ClassificationReport> chosen, OnePerClassFigures onePerClass,
                   Map<String, Double> flagged) {
    private static final Logger LOG = LoggerFactory.getLogger(Evaluations.class);

    /** Scores {@code fitted} on {@code split}'s validation images and on every set of {@code heldOut}. */
    static Evaluations of(FittedClassifier fitted, TrainValidationSplit split, Map<String, ImageSet> heldOut) {
        ComponentSelection.Result selection = fitted.selection();
        int[] valLabels = split.validation().labels();
        ClassificationReport validation = PredictionReports.of("validation", valLabels,
                selection.best().classify(fitted.valX()));
        ClassificationReport perClassValidation = PredictionReports.of("validation", valLabels,
                selection.onePerClass().classify(fitted.valX()));
        LOG.info("one component per class ({}): validation accuracy {}, Hungarian accuracy {}, NMI {}, ARI {}",
                selection.onePerClassCandidate().components(), Significant.four(perClassValidation.accuracy()),
                Significant.four(perClassValidation.hungarianAccuracy()), Significant.four(perClassValidation.nmi()),
                Significant.four(perClassValidation.ari()));
        List<ClassificationReport> chosen = new ArrayList<>();
        List<ClassificationReport> perClass = new ArrayList<>();
        Map<String, Double> flagged = new LinkedHashMap<>();
        for (Map.Entry<String, ImageSet> e : heldOut.entrySet()) {
            try (INDArray images = ImageTensors.unit(e.getValue())) {
                // Encoded (and placed in the embedding) once, classified by both mixtures.
                double[][] mu = fitted.model().encode(images);
                double[][] x = fitted.model().mixtureInput(mu);
                flagged.put(e.getKey(), fitted.detector().apply(fitted.model(), images, mu).flaggedShare());
                int[] labels = e.getValue().labels();
                ClassificationReport report = PredictionReports.of(e.getKey(), labels, selection.best().classify(x));
                chosen.add(report);
                LOG.info("evaluation, {} components\n{}", selection.chosen().components(), report.toTable());
                ClassificationReport one = PredictionReports.of(e.getKey(), labels, selection.onePerClass().classify(x));
                perClass.add(one);
                LOG.info("evaluation, one component per class\n{}", one.toTable());
            }
        }
        return new Evaluations(validation, List.copyOf(chosen), new OnePerClassFigures(
                selection.onePerClassCandidate().components(), perClassValidation, List.copyOf(perClass)), flagged);
    }
}
