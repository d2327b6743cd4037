package dev.latentlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latentlab.data.MnistFixtures;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Option values in any case ({@code --invert YES}, {@code --split TEST}), and one name per concept across commands:
 * {@code --image-key} for the images array of an .npz everywhere (reconstruct's {@code --npz-key} kept as an alias),
 * {@code --dir} for the MNIST folder (the benchmarks' {@code --data} kept as an alias).
 */
class OptionValuesTest {
    private static final String NPZ = "src/test/resources/npz/savez_uint8_x_train.npz";

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"yes", "YES", "Yes", "no", "auto", "AUTO"})
    void reconstructTakesInvertInAnyCase(String value) throws IOException {
        Path dictionary = TinyModels.dictionary(tmp.resolve("k2"));
        CliRun r = CliRun.of("reconstruct", "--model", dictionary.toString(), "--image", "configs/images/letter_a.png",
                "--invert", value, "--out", tmp.resolve("r.png").toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(tmp.resolve("r.png")).isNotEmptyFile();
    }

    @Test
    void everyCommandThatReadsPicturesTakesInvertInAnyCase() {
        for (String command : List.of("evaluate", "predict")) {
            for (String value : List.of("YES", "No", "auto")) {
                RootCommand.commandLine().parseArgs(command, "--model", "m", "--npz", "x.npz", "--invert", value);
            }
        }
    }

    @Test
    void wordValuesAreTakenInAnyCase() {
        Path npz = tmp.resolve("t.npz");
        CliRun data = CliRun.of("data", "npz", "--split", "TEST", "--digits", "1", "--limit", "2", "--dir",
                MnistFixtures.dir().toString(), "--out", npz.toString());
        assertThat(data.exitCode()).as(data.err()).isZero();
        CliRun quantize = CliRun.of("quantize", "--image", "configs/images/tiny.png", "--k", "2",
                "--method", "KMeans", "--out", tmp.resolve("q.png").toString());
        assertThat(quantize.exitCode()).as(quantize.err()).isZero();
        CliRun images = CliRun.of("data", "images", "--dataset", "MNIST", "--format", "PNG", "--split", "Test",
                "--limit", "2", "--dir", MnistFixtures.dir().toString(), "--out", tmp.resolve("png").toString());
        assertThat(images.exitCode()).as(images.err()).isZero();
        CliRun tiling = CliRun.of("reconstruct", "--model", "m", "--idx", "x", "--tiling", "squares", "--out",
                tmp.resolve("r.png").toString());
        assertThat(tiling.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(tiling.err()).contains("--tiling squares: expected overlap or padded");
    }

    @ParameterizedTest
    @ValueSource(strings = {"--image-key", "--npz-key"})
    void theImagesKeyHasOneNameInEveryCommand(String option) throws IOException {
        Path vae = TinyModels.vaeGmm(tmp.resolve("vae"));
        Path dictionary = TinyModels.dictionary(tmp.resolve("k2"));
        List<List<String>> commands = List.of(
                List.of("evaluate", "--model", vae.toString(), "--npz", NPZ, option, "nope"),
                List.of("predict", "--model", vae.toString(), "--npz", NPZ, option, "nope", "--out",
                        tmp.resolve("p.csv").toString()),
                List.of("reconstruct", "--model", dictionary.toString(), "--npz", NPZ, option, "nope", "--out",
                        tmp.resolve("r.png").toString()));
        for (List<String> args : commands) {
            CliRun r = CliRun.of(args);
            assertThat(r.exitCode()).as(args + ": " + r.err()).isEqualTo(ExitCode.BAD_INPUT);
            assertThat(r.err()).as(args.get(0)).contains("no image array 'nope'");
        }
        assertThat(RootCommand.commandLine().getSubcommands().get("reconstruct").getUsageMessage())
                .contains("--image-key=KEY").doesNotContain("--npz-key");
    }

    @ParameterizedTest
    @ValueSource(strings = {"--dir", "--data"})
    void theMnistFolderHasOneNameInEveryCommand(String option) {
        for (List<String> args : List.of(List.of("data", "npz"), List.of("bench", "kmeans"), List.of("bench", "vae"),
                List.of("bench", "spark-kmeans"), List.of("bench", "loading"))) {
            List<String> all = new java.util.ArrayList<>(args);
            all.addAll(List.of(option, "elsewhere", "--out", "x.npz"));
            if (!args.get(0).equals("data")) {
                all.subList(all.size() - 2, all.size()).clear();
            }
            RootCommand.commandLine().parseArgs(all.toArray(String[]::new));
        }
    }
}
