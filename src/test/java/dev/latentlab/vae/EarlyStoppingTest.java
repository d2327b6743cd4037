package dev.latentlab.vae;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EarlyStoppingTest {
    @Test
    void stopsAfterPatienceEpochsWithoutStrictImprovement() {
        EarlyStopping e = new EarlyStopping(3, EarlyStopping.INITIAL);
        assertThat(e.update(10)).isTrue();
        assertThat(e.update(9)).isTrue();
        assertThat(e.update(9)).isFalse();
        assertThat(e.update(9.5)).isFalse();
        assertThat(e.shouldStop()).isFalse();
        assertThat(e.update(8.9)).isTrue();
        assertThat(e.state()).isEqualTo(new EarlyStopping.State(8.9, 0));
        e.update(10);
        e.update(10);
        assertThat(e.shouldStop()).isFalse();
        e.update(10);
        assertThat(e.shouldStop()).isTrue();
        assertThat(e.best()).isEqualTo(8.9);
    }

    @Test
    void continuesFromAStateAndValidatesPatience() {
        EarlyStopping e = new EarlyStopping(2, new EarlyStopping.State(1.0, 1));
        e.update(1.5);
        assertThat(e.shouldStop()).isTrue();
        assertThatThrownBy(() -> new EarlyStopping(0, EarlyStopping.INITIAL)).hasMessageContaining("patience");
    }
}
