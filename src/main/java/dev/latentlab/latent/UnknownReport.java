package dev.latentlab.latent;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.latentlab.eval.Detection;
import java.nio.file.Path;
import java.util.Locale;

/**
 * What {@code evaluate} reports about unknown inputs: the model's novelty score and threshold, the share of the
 * evaluated set flagged, and with a set of unknown images ({@code --unknown}) the detection AUROC and the share of
 * that set flagged. A model saved without a threshold reports no shares ({@code can_flag: false}).
 *
 * @param score          the novelty score's name
 * @param canFlag        false for a model saved without a threshold
 * @param quantile       the validation quantile of the threshold (NaN without one)
 * @param threshold      scores above it are flagged (NaN without one)
 * @param known          the evaluated set's name
 * @param knownFlagged   its share flagged unknown (null without a threshold)
 * @param unknown        the unknown set's name (null without one)
 * @param unknownFlagged its share flagged (null without a set or a threshold)
 * @param auroc          the detection AUROC, unknown as positive (null without an unknown set)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UnknownReport(@JsonProperty("score") String score, @JsonProperty("can_flag") boolean canFlag,
                            @JsonProperty("quantile") Double quantile, @JsonProperty("threshold") Double threshold,
                            @JsonProperty("known") String known, @JsonProperty("known_flagged") Double knownFlagged,
                            @JsonProperty("unknown") String unknown,
                            @JsonProperty("unknown_flagged") Double unknownFlagged,
                            @JsonProperty("auroc") Double auroc) {

    /** The report of the evaluated set's scores and, when not null, the unknown set's. */
    public static UnknownReport of(UnknownDetector detector, double[] knownScores, double[] unknownScores,
                                   String knownName, String unknownName) {
        UnknownDetector.Settings s = detector.settings();
        boolean flags = detector.canFlag();
        double share = detector.flag(knownScores).flaggedShare();
        if (unknownScores == null) {
            return new UnknownReport(s.score(), flags, flags ? s.quantile() : null, flags ? s.threshold() : null,
                    knownName, flags ? share : null, null, null, null);
        }
        Detection d = Detection.of(knownScores, unknownScores, s.threshold());
        return new UnknownReport(s.score(), flags, flags ? s.quantile() : null, flags ? s.threshold() : null,
                knownName, flags ? d.knownFlagged() : null, unknownName, flags ? d.unknownFlagged() : null, d.auroc());
    }

    /** The report as lines for the console. */
    public String toText(Path model) {
        StringBuilder out = new StringBuilder();
        if (!canFlag) {
            out.append(model).append(": saved without an unknown-input threshold (trained before unknown inputs were "
                    + "flagged; train it again to get one): no image is flagged unknown\n");
        } else {
            out.append(String.format(Locale.ROOT, "unknown inputs (score %s above %.4g, the %.4g quantile of the "
                    + "validation images): %s %.2f %% flagged", score, threshold, quantile, known, 100 * knownFlagged));
            if (unknown != null) {
                out.append(String.format(Locale.ROOT, ", %s %.2f %% flagged", unknown, 100 * unknownFlagged));
            }
            out.append('\n');
        }
        if (auroc != null) {
            out.append(String.format(Locale.ROOT, "unknown-input detection (score %s): AUROC %.4f, %s against %s%n",
                    score, auroc, unknown, known));
        }
        return out.toString();
    }
}
