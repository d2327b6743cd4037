package dev.latentlab.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ClassificationReportTest {

    @Test
    void matchesHandComputedFigures() {
        // true:      1 1 1 4 4 8 8 8 8 8
        // predicted: 1 1 4 4 4 8 8 8 1 4
        int[] truth = {1, 1, 1, 4, 4, 8, 8, 8, 8, 8};
        int[] predicted = {1, 1, 4, 4, 4, 8, 8, 8, 1, 4};
        ClassificationReport r = ClassificationReport.of("t", truth, predicted);
        assertThat(r.labels()).containsExactly(1, 4, 8);
        assertThat(r.accuracy()).isCloseTo(0.7, within(1e-12));
        // class 1: tp 2, fp 1, fn 1 -> p 2/3 r 2/3; class 4: tp 2 fp 2 fn 0 -> p 1/2 r 1; class 8: tp 3 fp 0 fn 2 -> p 1 r 3/5
        assertThat(r.perClass().get(0).precision()).isCloseTo(2.0 / 3, within(1e-9));
        assertThat(r.perClass().get(1).recall()).isCloseTo(1.0, within(1e-9));
        assertThat(r.perClass().get(2).recall()).isCloseTo(0.6, within(1e-9));
        assertThat(r.perClass().get(2).support()).isEqualTo(5);
        assertThat(r.precision()).isCloseTo((2.0 / 3 + 0.5 + 1) / 3, within(1e-9));
        assertThat(r.recall()).isCloseTo((2.0 / 3 + 1 + 0.6) / 3, within(1e-9));
        double f1For1 = 2.0 / 3, f1For4 = 2 * 0.5 / 1.5, f1For8 = 2 * 0.6 / 1.6;
        assertThat(r.f1()).isCloseTo((f1For1 + f1For4 + f1For8) / 3, within(1e-9));
        assertThat(r.confusion()).isDeepEqualTo(new int[][] {{2, 1, 0}, {0, 2, 0}, {1, 1, 3}});
        assertThat(r.toTable()).contains("accuracy 0.7000").contains("support");
    }

    @Test
    void aClassThatIsNeverPredictedCountsAsZeroInTheMacroAverages() {
        // true:      1 1 4 4 8 8
        // predicted: 1 1 4 4 4 1   (no 8 predicted: its precision is 0/0)
        ClassificationReport r = ClassificationReport.of("t", new int[]{1, 1, 4, 4, 8, 8}, new int[]{1, 1, 4, 4, 4, 1});
        // class 1: p 2/3 r 1 f1 0.8; class 4: p 2/3 r 1 f1 0.8; class 8: p 0 r 0 f1 0 (as scikit-learn, zero_division=0)
        assertThat(r.perClass().get(2).precision()).isZero();
        assertThat(r.precision()).isCloseTo((2.0 / 3 + 2.0 / 3 + 0) / 3, within(1e-9));
        assertThat(r.recall()).isCloseTo(2.0 / 3, within(1e-9));
        assertThat(r.f1()).isCloseTo((0.8 + 0.8) / 3, within(1e-9));
    }

    @Test
    void perfectPredictionsScoreOne() {
        int[] y = {1, 4, 8, 8};
        ClassificationReport r = ClassificationReport.of("p", y, y.clone());
        assertThat(r.accuracy()).isEqualTo(1.0);
        assertThat(r.f1()).isEqualTo(1.0);
    }
}
