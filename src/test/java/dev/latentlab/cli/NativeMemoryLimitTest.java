package dev.latentlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NativeMemoryLimitTest {
    static final long GIB = 1L << 30;

    @Test
    void halfTheMachineClampedToTwoToSixGib() {
        assertThat(NativeMemoryLimit.defaultBytes(24 * GIB)).isEqualTo(6 * GIB);
        assertThat(NativeMemoryLimit.defaultBytes(8 * GIB)).isEqualTo(4 * GIB);
        assertThat(NativeMemoryLimit.defaultBytes(2 * GIB)).isEqualTo(2 * GIB);
        assertThat(NativeMemoryLimit.defaultBytes(256 * GIB)).isEqualTo(6 * GIB);
    }
}
