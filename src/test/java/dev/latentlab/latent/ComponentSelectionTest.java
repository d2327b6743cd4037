package dev.latentlab.latent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latentlab.mixture.GmmOptions;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ComponentSelectionTest {
    private static final double[][] Z = new double[12][2];
    private static final int[] LABELS = new int[12];

    static {
        Random random = new Random(5);
        for (int i = 0; i < Z.length; i++) {
            LABELS[i] = i % 2;
            Z[i][0] = random.nextGaussian() + 5 * LABELS[i];
            Z[i][1] = random.nextGaussian();
        }
    }

    @Test
    void aCandidateThatFailsIsSkippedAndTheOthersStillChoose() {
        // 20 components on 12 points: the mixture's own check throws; the run goes on with the other candidates
        ComponentSelection.Result r = ComponentSelection.select(Z, LABELS, Z, LABELS, List.of(2, 20, 3),
                GmmOptions.defaults(2));
        assertThat(r.candidates()).extracting(ComponentSelection.Candidate::components).containsExactly(2, 3);
        assertThat(r.chosen().components()).isIn(2, 3);
    }

    @Test
    void whenEveryCandidateFailsTheSelectionFails() {
        assertThatThrownBy(() -> ComponentSelection.select(Z, LABELS, Z, LABELS, List.of(20, 30), GmmOptions.defaults(2)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("every GMM candidate failed")
                .hasCauseInstanceOf(IllegalArgumentException.class);
    }
}
