package dev.latentlab.task.latentmixture;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.latentlab.eval.ClassificationReport;
import java.util.List;

/**
 * The figures of the mixture with exactly one component per class, reported beside those of the number of
 * components chosen by validation accuracy (or BIC), never instead of them.
 *
 * @param components  the number of components: the number of training labels
 * @param validation  the validation split
 * @param evaluations every held-out set (empty where the task has none)
 */
public record OnePerClassFigures(@JsonProperty("components") int components,
                                 @JsonProperty("validation") ClassificationReport validation,
                                 @JsonProperty("evaluations") List<ClassificationReport> evaluations) {
}
