package dev.latentlab.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SuggestionsTest {
    private static final List<String> KEYS = List.of("algorithm", "init", "k", "max_iter", "tol", "fit_sample",
            "init_sample", "batch_size", "max_no_improvement");

    @Test
    void typosWithinASmallDistanceAreSuggested() {
        assertThat(Suggestions.closest("max_iters", KEYS)).contains("max_iter");
        assertThat(Suggestions.closest("algoritm", KEYS)).contains("algorithm");
        assertThat(Suggestions.closest("bacth_size", KEYS)).contains("batch_size");
        assertThat(Suggestions.closest("K", KEYS)).contains("k");
    }

    @Test
    void caseUnderscoresAndDashesAreIgnored() {
        assertThat(Suggestions.closest("maxIter", KEYS)).contains("max_iter");
        assertThat(Suggestions.closest("batch-size", KEYS)).contains("batch_size");
        assertThat(Suggestions.closest("MaxNoImprovement", KEYS)).contains("max_no_improvement");
    }

    @Test
    void distantNamesGetNoSuggestion() {
        assertThat(Suggestions.closest("learning_rate", KEYS)).isEmpty();
        assertThat(Suggestions.closest("x", List.of("seed"))).isEmpty();
    }

    @Test
    void distanceCountsTranspositionsAsOneEdit() {
        assertThat(Suggestions.distance("tol", "tol")).isZero();
        assertThat(Suggestions.distance("tol", "tlo")).isEqualTo(1);
        assertThat(Suggestions.distance("", "abc")).isEqualTo(3);
        assertThat(Suggestions.distance("kitten", "sitting")).isEqualTo(3);
    }
}
