package dev.latentlab.vae;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class UnknownDetectorTest {
    @Test
    void theThresholdIsTheQuantileOfTheValidationScores() {
        double[] validation = new double[1000];
        for (int i = 0; i < validation.length; i++) {
            validation[i] = (i * 7919) % 1000;   // 0..999, shuffled
        }
        UnknownDetector d = UnknownDetector.calibrate(NoveltyScore.RECONSTRUCTION, null, validation, 0.99);
        assertThat(d.settings().threshold()).isCloseTo(989.99, within(0.02));
        assertThat(d.settings().validationImages()).isEqualTo(1000);
        assertThat(d.flag(validation).flaggedShare()).isEqualTo(0.01);
        assertThat(d.canFlag()).isTrue();
        assertThat(UnknownDetector.calibrate(NoveltyScore.RECONSTRUCTION, null, validation, 1.0).flag(validation)
                .flaggedShare()).isZero();
    }

    @Test
    void aModelWithoutAThresholdScoresButFlagsNothing() {
        UnknownDetector d = new UnknownDetector(NoveltyScore.RECONSTRUCTION, null,
                UnknownDetector.uncalibrated(NoveltyScore.RECONSTRUCTION));
        assertThat(d.canFlag()).isFalse();
        assertThat(d.flag(new double[] {1e9}).unknown()).containsExactly(false);
    }

    @Test
    void knnScoresTheMeanDistanceToTheNearestTrainingLatents() {
        double[][] train = {{0, 0}, {1, 0}, {0, 2}, {10, 10}};
        LatentNeighbours n = new LatentNeighbours(train, 2);
        double[] d = n.meanDistance(new double[][] {{0, 0}, {10, 11}});
        assertThat(d[0]).isCloseTo(0.5, within(1e-9));                      // 0 and 1
        assertThat(d[1]).isCloseTo((1 + Math.hypot(10, 9)) / 2, within(1e-9));  // 1 and |(10,11)-(0,2)|
    }
}
