package dev.latentlab.vae;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Expected values follow torch.optim.lr_scheduler.ReduceLROnPlateau(mode="min", threshold_mode="rel"). */
class PlateauSchedulerTest {
    @Test
    void reducesAfterMoreThanPatienceBadEpochs() {
        PlateauScheduler s = new PlateauScheduler(0.5, 2, 1e-4, 1e-6, PlateauScheduler.initial(1e-3));
        assertThat(s.step(10)).isEqualTo(1e-3);    // best 10
        assertThat(s.step(11)).isEqualTo(1e-3);    // bad 1
        assertThat(s.step(10)).isEqualTo(1e-3);    // bad 2 (equal is not better)
        assertThat(s.step(12)).isEqualTo(5e-4);    // bad 3 > 2: reduce, count restarts
        assertThat(s.state().badEpochs()).isZero();
        assertThat(s.step(13)).isEqualTo(5e-4);
        assertThat(s.step(9)).isEqualTo(5e-4);     // new best resets
        assertThat(s.state().best()).isEqualTo(9);
    }

    @Test
    void relativeThresholdIgnoresTinyImprovements() {
        PlateauScheduler s = new PlateauScheduler(0.5, 0, 1e-2, 0, PlateauScheduler.initial(1.0));
        s.step(100);
        assertThat(s.step(99.5)).isEqualTo(0.5);   // 99.5 >= 100·0.99: not an improvement, patience 0
        assertThat(s.state().best()).isEqualTo(100);
        assertThat(s.step(98.9)).isEqualTo(0.5);   // below 99: improvement
        assertThat(s.state().best()).isEqualTo(98.9);
    }

    @Test
    void neverGoesBelowMinLearningRate() {
        PlateauScheduler s = new PlateauScheduler(0.1, 0, 1e-4, 1e-3, PlateauScheduler.initial(0.05));
        s.step(1);
        assertThat(s.step(2)).isCloseTo(5e-3, within(1e-12));
        assertThat(s.step(2)).isEqualTo(1e-3);
        assertThat(s.step(2)).isEqualTo(1e-3);
    }

    @Test
    void continuesFromAState() {
        PlateauScheduler s = new PlateauScheduler(0.5, 1, 1e-4, 0, new PlateauScheduler.State(5, 1, 0.1));
        assertThat(s.step(6)).isEqualTo(0.05);
    }
}
