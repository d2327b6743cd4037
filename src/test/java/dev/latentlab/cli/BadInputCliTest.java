package dev.latentlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latentlab.data.MnistFile;
import dev.latentlab.data.MnistFixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * User mistakes: exit code 2, one line on stderr that starts "error: " and names the culprit, no run folder,
 * no model written.
 */
class BadInputCliTest {
    @TempDir
    Path tmp;
    Path data;
    Path runs;
    Path models;

    @BeforeEach
    void copyFixtures() throws IOException {
        data = Files.createDirectories(tmp.resolve("data"));
        for (MnistFile f : MnistFile.values()) {
            MnistFixtures.copy(f, data, f.fileName() + ".gz", true);
        }
        runs = tmp.resolve("runs");
        models = tmp.resolve("models");
    }

    private CliRun quick(String... extra) {
        List<String> args = new ArrayList<>(List.of("--config", "configs/kmeans_quick.yaml",
                "--set", "data.dir=" + data, "--set", "data.fetch=false",
                "--set", "data.train_limit=5", "--set", "data.test_limit=5",
                "--set", "kmeans.k=[2, 3]", "--set", "kmeans.max_iter=2", "--set", "report.atlas_k=[2]",
                "--set", "output.runs_dir=" + runs, "--set", "output.models_dir=" + models));
        args.addAll(List.of(extra));
        return CliRun.of(args);
    }

    private void assertBadInput(CliRun r, String... named) throws IOException {
        assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
        assertThat(r.errLines()).as(r.err()).hasSize(1);
        assertThat(r.err()).startsWith("error: ").doesNotContain("Exception").doesNotContain("\tat ");
        for (String n : named) {
            assertThat(r.err()).contains(n);
        }
        assertThat(isEmptyOrAbsent(runs)).as("runs dir").isTrue();
        assertThat(models).doesNotExist();
    }

    private static boolean isEmptyOrAbsent(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return true;
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        }
    }

    @Test
    void theSetupItselfRuns() {
        // The baseline the mistakes below change one thing of: it must succeed. With only two K there is no
        // elbow (this once ended every run of fewer than three K in a NullPointerException).
        CliRun r = quick();
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(runs).isNotEmptyDirectory();
        assertThat(models.resolve("kmeans_quick/k3/centroids.npy")).isNotEmptyFile();
    }

    @Test
    void unknownKey() throws IOException {
        assertBadInput(quick("--set", "kmeans.max_iters=3"), "kmeans.max_iters");
    }

    @Test
    void wrongType() throws IOException {
        assertBadInput(quick("--set", "kmeans.max_iter=lots"), "kmeans.max_iter", "lots");
    }

    @Test
    void closedOptionValue() throws IOException {
        assertBadInput(quick("--set", "kmeans.init=bogus"),
                "error: --set kmeans.init=bogus: kmeans.init = \"bogus\": expected one of kmeans++, random");
    }

    @Test
    void outOfRange() throws IOException {
        assertBadInput(quick("--set", "kmeans.k=[0]", "--set", "report.atlas_k=[]"), "kmeans.k");
    }

    @Test
    void wrongTypeInTheConfigFile() throws IOException {
        Path config = tmp.resolve("bad.yaml");
        Files.writeString(config, Files.readString(Path.of("configs/kmeans_quick.yaml")).replace("seed: 42", "seed: forty-two"));
        CliRun r = CliRun.of("--config", config.toString(), "--set", "data.dir=" + data, "--set", "data.fetch=false",
                "--set", "output.runs_dir=" + runs, "--set", "output.models_dir=" + models);
        assertBadInput(r, config.toString(), "seed");
    }

    @Test
    void missingConfigFile() throws IOException {
        Path config = tmp.resolve("nope.yaml");
        assertBadInput(CliRun.of("--config", config.toString()), config.toString());
    }

    @Test
    void dataDirWithoutMnistAndNoFetch() throws IOException {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        assertBadInput(quick("--set", "data.dir=" + empty), empty.toString());
    }

    @Test
    void corruptIdxFile() throws IOException {
        Path images = data.resolve(MnistFile.TRAIN_IMAGES.fileName() + ".gz");
        byte[] gz = Files.readAllBytes(images);
        Files.write(images, java.util.Arrays.copyOf(gz, gz.length / 2));
        assertBadInput(quick(), images.toString());
    }

    @Test
    void idxFileWithTheWrongMagic() throws IOException {
        Path images = data.resolve(MnistFile.TRAIN_IMAGES.fileName() + ".gz");
        Files.delete(images);
        Files.write(data.resolve(MnistFile.TRAIN_IMAGES.fileName()), MnistFixtures.bytes(MnistFile.TRAIN_LABELS));
        assertBadInput(quick(), MnistFile.TRAIN_IMAGES.fileName(), "magic");
    }
}
