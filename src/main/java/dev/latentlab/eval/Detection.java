package dev.latentlab.eval;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.nd4j.evaluation.classification.ROC;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * How well a novelty score tells unknown inputs from known ones: the area under the ROC curve (DL4J's exact
 * {@link ROC}; 1 = every unknown scores above every known input, 0.5 = chance) and, at a threshold, the share of
 * each set flagged (score above the threshold).
 *
 * @param auroc          the detection AUROC, unknown as the positive class
 * @param threshold      the threshold (NaN when none was given)
 * @param knownFlagged   the share of the known set flagged (NaN without a threshold)
 * @param unknownFlagged the share of the unknown set flagged (NaN without a threshold)
 * @param known          images in the known set
 * @param unknown        images in the unknown set
 */
public record Detection(@JsonProperty("auroc") double auroc, @JsonProperty("threshold") double threshold,
                        @JsonProperty("known_flagged") double knownFlagged,
                        @JsonProperty("unknown_flagged") double unknownFlagged,
                        @JsonProperty("known_images") int known, @JsonProperty("unknown_images") int unknown) {

    /** The figures of the scores of a known and an unknown set; {@code threshold} may be NaN (no flags). */
    public static Detection of(double[] knownScores, double[] unknownScores, double threshold) {
        if (knownScores.length == 0 || unknownScores.length == 0) {
            throw new IllegalArgumentException("both sets need scores");
        }
        return new Detection(auroc(knownScores, unknownScores), threshold, flagged(knownScores, threshold),
                flagged(unknownScores, threshold), knownScores.length, unknownScores.length);
    }

    /** The AUROC of unknown (positive) against known scores. ROC takes probabilities: min-max scaling keeps the order. */
    static double auroc(double[] known, double[] unknown) {
        int n = known.length + unknown.length;
        double[] all = new double[n];
        double[] labels = new double[n];
        System.arraycopy(known, 0, all, 0, known.length);
        System.arraycopy(unknown, 0, all, known.length, unknown.length);
        java.util.Arrays.fill(labels, known.length, n, 1.0);
        double min = java.util.Arrays.stream(all).min().orElse(0);
        double range = java.util.Arrays.stream(all).max().orElse(0) - min;
        for (int i = 0; i < n; i++) {
            all[i] = range > 0 ? (all[i] - min) / range : 0.5;
        }
        ROC roc = new ROC(0);   // 0 threshold steps: exact
        roc.eval(Nd4j.create(labels, new long[]{n, 1}, DataType.DOUBLE), Nd4j.create(all, new long[]{n, 1}, DataType.DOUBLE));
        return roc.calculateAUC();
    }

    private static double flagged(double[] scores, double threshold) {
        if (Double.isNaN(threshold)) {
            return Double.NaN;
        }
        return java.util.Arrays.stream(scores).filter(s -> s > threshold).count() / (double) scores.length;
    }
}
