package dev.latentlab.latent;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * summary.json's {@code unknown_inputs}: the novelty score a trained model flags unknown inputs with, its
 * threshold (the {@code quantile} of the validation images' scores) and the share of each held-out set flagged.
 *
 * @param score            the novelty score's name
 * @param quantile         gmm.reject_quantile
 * @param threshold        scores above it are flagged
 * @param validationImages the validation images the threshold was set on
 * @param flagged          per held-out set, the share of its images flagged unknown
 */
public record UnknownSummary(@JsonProperty("score") String score, @JsonProperty("quantile") double quantile,
                             @JsonProperty("threshold") double threshold,
                             @JsonProperty("validation_images") int validationImages,
                             @JsonProperty("flagged") Map<String, Double> flagged) {

    /** The summary of {@code detector} with the shares flagged of the held-out sets. */
    public static UnknownSummary of(UnknownDetector detector, Map<String, Double> flagged) {
        UnknownDetector.Settings s = detector.settings();
        return new UnknownSummary(s.score(), s.quantile(), s.threshold(), s.validationImages(),
                java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(flagged)));
    }
}
