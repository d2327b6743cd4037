package dev.latentlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latentlab.data.MnistFixtures;
import dev.latentlab.task.dictionary.PatchDictionaryFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rows of issue 12's table that need no child JVM: each user mistake refused before any work (exit 2, one
 * line, no run folder, models untouched), noisy images evaluated, a dictionary save replacing the set, parts of
 * different saves refused, and a failed run's stack trace in run.log at ERROR.
 */
class SafetyCliTest {
    @TempDir
    Path tmp;

    private List<String> vae(String name, String... extra) {
        List<String> a = new ArrayList<>(List.of("--config", "configs/vae_148_quick.yaml", "--set", "name=" + name,
                "--set", "data.dir=" + MnistFixtures.dir(), "--set", "data.fetch=false", "--set", "data.train_limit=null",
                "--set", "model.channels=[4, 8]", "--set", "model.strides=[2, 2]", "--set", "model.dense=16",
                "--set", "model.latent_dim=2", "--set", "gmm.embedding=none",
                "--set", "train.epochs=1", "--set", "train.batch_size=32", "--set", "gmm.components=[3]",
                "--set", "gmm.n_init=1", "--set", "report.grid_images=4", "--set", "report.samples_per_component=2",
                "--set", "evaluate.mnist_test=false",
                "--set", "output.runs_dir=" + tmp.resolve("runs"), "--set", "output.models_dir=" + tmp.resolve("models")));
        a.addAll(List.of(extra));
        return a;
    }

    private List<String> kmeans(String name, String... extra) {
        List<String> a = new ArrayList<>(List.of("--config", "configs/kmeans_quick.yaml", "--set", "name=" + name,
                "--set", "data.dir=" + MnistFixtures.dir(), "--set", "data.fetch=false",
                "--set", "data.train_limit=20", "--set", "data.test_limit=5", "--set", "kmeans.k=[2, 3]",
                "--set", "kmeans.max_iter=2", "--set", "report.atlas_k=[2]",
                "--set", "output.runs_dir=" + tmp.resolve("runs"), "--set", "output.models_dir=" + tmp.resolve("models")));
        a.addAll(List.of(extra));
        return a;
    }

    private void assertRefused(CliRun r, String... named) throws IOException {
        assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
        assertThat(r.errLines()).as(r.err()).hasSize(1);
        assertThat(r.err()).startsWith("error: ").doesNotContain("Exception");
        for (String n : named) {
            assertThat(r.err()).contains(n);
        }
        assertThat(tmp.resolve("runs")).satisfiesAnyOf(p -> assertThat(p).doesNotExist(), p -> assertThat(p).isEmptyDirectory());
        assertThat(tmp.resolve("models")).doesNotExist();
    }

    @Test
    void evaluateNpzOfAnotherChannelCountIsRefusedBeforeTraining() throws IOException {
        Path npz = Files.write(tmp.resolve("wide.npz"), MalformedInputsTest.zip(Map.of(
                "x.npy", MalformedInputsTest.npy("|u1", "(50, 14, 56, 3)", new byte[50 * 14 * 56 * 3]),
                "y.npy", MalformedInputsTest.npy("|u1", "(50,)", new byte[50])), true));
        assertRefused(CliRun.of(vae("wide", "--set", "evaluate.npz=[" + npz + "]")), "wide.npz",
                "3 channels (RGB), the model takes 1");
    }

    @Test
    void moreGmmComponentsThanTrainingImagesAreRefusedBeforeTraining() throws IOException {
        assertRefused(CliRun.of(vae("many", "--set", "gmm.components=[3, 5000]")), "gmm.components", "5000");
    }

    @Test
    void kAbovePatchCountIsRefusedBeforeTheRunFolder() throws IOException {
        assertRefused(CliRun.of(kmeans("bigk", "--set", "data.train_limit=1", "--set", "kmeans.k=[1000]",
                "--set", "report.atlas_k=[]")), "kmeans.k", "K = 1000", "training patches");
    }

    @Test
    void infiniteNumbersAreRefusedAtLoad() throws IOException {
        assertRefused(CliRun.of(kmeans("inf", "--set", "kmeans.tol=1e400")), "kmeans.tol", "finite");
        assertRefused(CliRun.of(vae("nan", "--set", "model.beta=1e999")), "model.beta", "finite");
    }

    @Test
    void latentDimOneIsRefusedAtLoad() throws IOException {
        assertRefused(CliRun.of(vae("one", "--set", "model.latent_dim=1")), "model.latent_dim", ">= 2");
    }

    @Test
    void noisyFloatImagesAreClippedWithOneWarningWithScaleNone() throws IOException {
        Path model = TinyModels.vaeGmm(tmp.resolve("m/vae"));
        ByteBuffer pixels = ByteBuffer.allocate(4 * 4 * 784).order(ByteOrder.LITTLE_ENDIAN);
        java.util.Random random = new java.util.Random(3);
        for (int i = 0; i < 4 * 784; i++) {
            pixels.putFloat((float) Math.max(-0.46, Math.min(1.39, 0.5 + 0.3 * random.nextGaussian())));
        }
        Path npz = Files.write(tmp.resolve("noisy.npz"), MalformedInputsTest.zip(Map.of(
                "x.npy", MalformedInputsTest.npy("<f4", "(4, 28, 28)", pixels.array()),
                "y.npy", MalformedInputsTest.npy("|u1", "(4,)", new byte[] {0, 1, 0, 1})), true));
        CliRun refused = CliRun.of("evaluate", "--model", model.toString(), "--npz", npz.toString(), "--out",
                tmp.resolve("eval.json").toString());
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).contains("--scale: none clips to [0,1]");
        CliRun r = CliRun.of("evaluate", "--model", model.toString(), "--npz", npz.toString(), "--scale", "none",
                "--out", tmp.resolve("eval.json").toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.errLines().stream().filter(l -> l.contains("clipped to [0,1]")).toList()).hasSize(1);
        assertThat(tmp.resolve("eval.json")).isNotEmptyFile();
    }

    @Test
    void aDictionarySaveReplacesTheWholeSet() throws IOException {
        assertThat(CliRun.of(kmeans("set")).exitCode()).isZero();
        CliRun second = CliRun.of(kmeans("set", "--set", "kmeans.k=[4]", "--set", "report.atlas_k=[4]"));
        assertThat(second.exitCode()).as(second.err()).isZero();
        try (Stream<Path> s = Files.list(tmp.resolve("models"))) {
            assertThat(s.map(p -> p.getFileName().toString()).toList()).containsExactly("set");   // the lock file goes with the run
        }
        try (Stream<Path> s = Files.list(tmp.resolve("models/set"))) {
            assertThat(s.map(p -> p.getFileName().toString()).toList()).containsExactlyInAnyOrder("k4", PatchDictionaryFiles.SET_SIDECAR);
        }
        CliRun recon = CliRun.of("reconstruct", "--model", tmp.resolve("models/set").toString(), "--idx",
                MnistFixtures.gz(dev.latentlab.data.MnistFile.TEST_IMAGES).toString(), "--first", "2", "--out",
                tmp.resolve("r.png").toString());
        assertThat(recon.exitCode()).as(recon.err()).isZero();
        assertThat(recon.out()).contains("K=4").doesNotContain("K=2").doesNotContain("K=3");
    }

    @Test
    void partsOfDifferentSavesAreRefused() throws IOException {
        Path a = TinyModels.vaeGmm(tmp.resolve("a"));
        Path b = TinyModels.vaeGmm(tmp.resolve("b"));
        for (String f : List.of("gmm.npz", "gmm.json", "model_id")) {
            Files.copy(b.resolve("gmm").resolve(f), a.resolve("gmm").resolve(f), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        CliRun r = CliRun.of("sample", "--model", a.toString(), "--out", tmp.resolve("s.png").toString());
        assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).contains("does not belong to this model").contains(a.resolve("gmm").toString());
        assertThat(tmp.resolve("s.png")).doesNotExist();
    }

    @Test
    void aFailedRunLogsItsStackTraceAtErrorInRunLog() throws IOException {
        CliRun r = CliRun.of(vae("diverge", "--set", "train.learning_rate=1e30"));
        assertThat(r.exitCode()).as(r.err()).isEqualTo(1);
        assertThat(r.err()).contains("run failed");
        Path run;
        try (Stream<Path> s = Files.list(tmp.resolve("runs"))) {
            run = s.filter(Files::isDirectory).findFirst().orElseThrow();
        }
        String log = Files.readString(run.resolve("run.log"));
        assertThat(log).contains(" ERROR ").contains("\tat dev.latentlab.");
    }
}
