package dev.latentlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A mistake on the command line (an unknown option or subcommand, a missing or malformed value) prints one line,
 * {@code error: <picocli's message>}, and a pointer to the command's help, not the whole usage; exit 2.
 */
class CommandLineMistakesTest {

    static Stream<Arguments> mistakes() {
        return Stream.of(
                Arguments.of(List.of("--no-such-option"), "Unknown option: '--no-such-option'", "trainer"),
                Arguments.of(List.of("evaluate", "--model", "m", "--npz", "x.npz", "--no-such-option"),
                        "Unknown option: '--no-such-option'", "trainer evaluate"),
                Arguments.of(List.of("--sed", "3"), "did you mean --set or --seeds?", "trainer"),
                Arguments.of(List.of("evalute"), "'evalute' (did you mean evaluate?)", "trainer"),
                Arguments.of(List.of("data", "fecth", "mnist"), "'fecth', 'mnist' (did you mean fetch?)", "trainer data"),
                Arguments.of(List.of("data"), "Missing required subcommand", "trainer data"),
                Arguments.of(List.of("sample", "--model", "m", "--out"), "Missing required parameter for option '--out'",
                        "trainer sample"),
                Arguments.of(List.of("sample", "--out", "s.png"), "Missing required option: '--model=DIR'",
                        "trainer sample"),
                Arguments.of(List.of("reconstruct", "--model", "m", "--idx", "x", "--invert", "maybe", "--out", "r.png"),
                        "Invalid value for option '--invert'", "trainer reconstruct"),
                Arguments.of(List.of("evaluate", "--model", "m", "--npz", "x.npz", "--invert", "sometimes"),
                        "Invalid value for option '--invert'", "trainer evaluate"),
                Arguments.of(List.of("sweep", "--config", "c.yaml", "--seeds", "one"),
                        "Invalid value for option '--seeds'", "trainer sweep"),
                Arguments.of(List.of("bench", "gmm", "--npz", "x.npz", "--k", "three"),
                        "Invalid value for option '--k'", "trainer bench gmm"),
                Arguments.of(List.of(), "--config FILE is required (or name a subcommand)", "trainer"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mistakes")
    void oneLineAndAHint(List<String> args, String message, String command) {
        CliRun r = CliRun.of(args);
        assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(r.errLines()).as(r.err()).hasSize(2);
        assertThat(r.errLines().get(0)).startsWith("error: ").contains(message);
        assertThat(r.errLines().get(1)).isEqualTo("Try '" + command + " --help'.");
        assertThat(r.out()).isEmpty();
    }
}
