package dev.latentlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RootCommandTest {
    @Test
    void helpExitsZeroAndListsTheSubcommands() {
        CliRun r = CliRun.of("--help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("--config").contains("--set").contains("reconstruct").contains("bench")
                .contains("data").contains("kmeans_patches");
    }

    @Test
    void versionExitsZero() {
        CliRun r = CliRun.of("--version");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("latentlab").contains("1.0.0-M2.1");
    }

    @Test
    void subcommandHelpExitsZero() {
        CliRun r = CliRun.of("reconstruct", "--help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("--model").contains("--idx").contains("--image");
    }

    @Test
    void noConfigIsBadUsage() {
        CliRun r = CliRun.of();
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("error: --config FILE is required");
    }

    @Test
    void unknownOptionIsBadUsage() {
        CliRun r = CliRun.of("--no-such-option");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--no-such-option");
    }

    @Test
    void reconstructWithoutAnInputIsBadUsage() {
        CliRun r = CliRun.of("reconstruct", "--model", "x", "--out", "y.png");
        assertThat(r.exitCode()).isEqualTo(2);
    }
}
