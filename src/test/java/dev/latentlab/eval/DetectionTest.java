package dev.latentlab.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class DetectionTest {
    @Test
    void aurocIsTheShareOfUnknownKnownPairsInOrder() {
        assertThat(Detection.of(new double[] {1, 2, 3}, new double[] {4, 5}, Double.NaN).auroc()).isEqualTo(1.0);
        assertThat(Detection.of(new double[] {4, 5}, new double[] {1, 2, 3}, Double.NaN).auroc()).isEqualTo(0.0);
        // pairs (unknown > known): 3 > {1, 2}, 0.5 > none, 2.5 > {1, 2}: 4 of 6
        assertThat(Detection.of(new double[] {1, 2}, new double[] {3, 0.5, 2.5}, Double.NaN).auroc())
                .isCloseTo(4 / 6.0, within(1e-9));
    }

    @Test
    void sharesFlaggedAreTheScoresAboveTheThreshold() {
        Detection d = Detection.of(new double[] {1, 2, 3, 4}, new double[] {2, 5, 6}, 3);
        assertThat(d.knownFlagged()).isEqualTo(0.25);
        assertThat(d.unknownFlagged()).isCloseTo(2 / 3.0, within(1e-12));
        assertThat(d.known()).isEqualTo(4);
        assertThat(Detection.of(new double[] {1}, new double[] {2}, Double.NaN).knownFlagged()).isNaN();
    }
}
