package dev.latentlab.task.latentmixture;

import dev.latentlab.eval.ClassificationReport;
import dev.latentlab.mixture.MixturePrediction;

/** The classification report of a mixture's prediction: labels and the components that gave them. */
public final class PredictionReports {
    private PredictionReports() {
    }

    /** The report named {@code name} of {@code p} against the true labels {@code truth}. */
    public static ClassificationReport of(String name, int[] truth, MixturePrediction p) {
        return ClassificationReport.of(name, truth, p.labels(), p.components());
    }
}
