package dev.latentlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.latentlab.data.MnistFixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end through the CLI: {@code --config configs/n2d_digits_quick.yaml} (the dense plain autoencoder, MSE)
 * with tiny hidden layers on the fixture digits, then {@code --resume}, {@code evaluate}, {@code predict},
 * {@code sample} (refused) and the model.type settings that are refused before any work.
 */
class DenseModelCliTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;
    static Path data;
    static Path runs;
    static Path models;
    static CliRun first;
    static Path runDir;

    static List<String> args(String name, String... extra) {
        List<String> a = new ArrayList<>(List.of("--config", "configs/n2d_digits_quick.yaml",
                "--set", "name=" + name,
                "--set", "data.dir=" + data, "--set", "data.fetch=false", "--set", "data.train_limit=null",
                "--set", "model.layers=[32, 16]", "--set", "train.epochs=2", "--set", "train.batch_size=32",
                "--set", "gmm.n_init=1", "--set", "report.grid_images=4",
                "--set", "output.runs_dir=" + runs, "--set", "output.models_dir=" + models));
        a.addAll(List.of(extra));
        return a;
    }

    @BeforeAll
    static void runTinyDenseConfig() throws IOException {
        data = MnistFixtures.dir(); // read-only: fetch is off
        runs = tmp.resolve("runs");
        models = tmp.resolve("models");
        first = CliRun.of(args("dense"));
        runDir = CliRun.onlyFolderIn(runs);
    }

    @Test
    void aPlainAutoencoderRunWritesItsRunFolderAndModel() throws IOException {
        assertThat(first.exitCode()).as(first.err()).isZero();
        for (String f : List.of("config.yaml", "run.log", "metrics.csv", "summary.json", "report.html", "latents.npz",
                "loss.png", "loss_terms.png", "reconstructions.png", "latent_space.png")) {
            assertThat(runDir.resolve(f)).as(f).isNotEmptyFile();
        }
        assertThat(runDir.resolve("samples.png")).doesNotExist();   // nothing to sample from
        List<String> metrics = Files.readAllLines(runDir.resolve("metrics.csv"));
        assertThat(metrics).hasSize(3);
        assertThat(metrics.get(0)).startsWith("epoch,train_loss,train_mse,train_kld,val_loss,val_mse,val_kld");
        assertThat(Files.readString(runDir.resolve("config.yaml"))).contains("type: dense", "variational: false",
                "channels: null");
        JsonNode vae = JSON.readTree(models.resolve("dense/vae/vae.json").toFile());
        assertThat(vae.get("format").asText()).isEqualTo("latentlab.dense-ae/1");
        assertThat(vae.get("architecture").get("layers").toString()).isEqualTo("[32,16]");
        // no convolution, so no encoder features: the unknown-input score is the latent knn
        assertThat(JSON.readTree(models.resolve("dense/model.json").toFile()).at("/unknown/score").asText())
                .isEqualTo("knn");
        assertThat(models.resolve("dense").resolve(dev.latentlab.latent.FeatureReference.FILE)).doesNotExist();
        JsonNode summary = JSON.readTree(runDir.resolve("summary.json").toFile());
        assertThat(summary.get("one_component_per_class").get("components").asInt()).isEqualTo(10);
        assertThat(summary.get("evaluations").get(0).get("name").asText()).isEqualTo("mnist_t10k");
    }

    @Test
    void resumeEndsWhereTheUninterruptedRunEnded() throws IOException {
        List<String> same = List.of("--set", "evaluate.mnist_test=false");
        List<String> a = new ArrayList<>(args("resumable", "--set", "train.epochs=1"));
        a.addAll(same);
        CliRun base = CliRun.of(a);
        assertThat(base.exitCode()).as(base.err()).isZero();
        List<String> b = new ArrayList<>(args("resumable", "--resume"));
        b.addAll(same);
        CliRun resumed = CliRun.of(b);
        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        Path latest;
        try (Stream<Path> s = Files.list(runs)) {
            latest = s.filter(p -> p.getFileName().toString().contains("-resumable")).max(Path::compareTo).orElseThrow();
        }
        List<String> rows = Files.readAllLines(latest.resolve("metrics.csv"));
        List<String> uninterrupted = Files.readAllLines(runDir.resolve("metrics.csv"));
        assertThat(rows).hasSize(3);
        for (int r = 1; r < 3; r++) {   // the same losses and learning rate; only the seconds differ
            assertThat(withoutSeconds(rows.get(r))).isEqualTo(withoutSeconds(uninterrupted.get(r)));
        }
    }

    @Test
    void thePapersProtocolTrainsOnTrainingAndTestImagesAndScoresEveryFittedImage() throws IOException {
        CliRun run = CliRun.of(args("all_images", "--set", "train.epochs=1", "--set", "evaluate.mnist_test=false",
                "--set", "data.split=all", "--set", "evaluate.fitted=true"));
        assertThat(run.exitCode()).as(run.err()).isZero();
        Path folder;
        try (Stream<Path> s = Files.list(runs)) {
            folder = s.filter(p -> p.getFileName().toString().endsWith("-all_images")).findFirst().orElseThrow();
        }
        int all = dev.latentlab.data.MnistFiles.train(data).count() + dev.latentlab.data.MnistFiles.test(data).count();
        assertThat(Files.readString(folder.resolve("run.log"))).contains("data.split all: " + all);
        JsonNode evaluations = JSON.readTree(folder.resolve("summary.json").toFile()).get("evaluations");
        assertThat(evaluations).hasSize(1);
        assertThat(evaluations.get(0).get("name").asText()).isEqualTo("fitted");
        assertThat(evaluations.get(0).get("count").asInt()).isEqualTo(all);
        assertThat(evaluations.get(0).get("hungarian_accuracy").asDouble()).isBetween(0.0, 1.0);
        // the report does not call the fitted images a test set
        assertThat(Files.readString(folder.resolve("report.html"))).contains("fitted-set accuracy")
                .doesNotContain("test accuracy");
        JsonNode metadata = JSON.readTree(models.resolve("all_images/model.json").toFile()).get("metadata");
        assertThat(metadata.get("config").asText()).contains("split: all", "fitted: true");
    }

    @Test
    void evaluateAndPredictTakeTheDenseModelAndSampleRefusesIt() throws IOException {
        Path npz = tmp.resolve("held_out.npz");
        CliRun export = CliRun.of("data", "npz", "--split", "test", "--dir", data.toString(), "--out", npz.toString());
        assertThat(export.exitCode()).as(export.err()).isZero();
        Path report = tmp.resolve("eval.json");
        CliRun eval = CliRun.of("evaluate", "--model", models.resolve("dense").toString(), "--npz", npz.toString(),
                "--out", report.toString());
        assertThat(eval.exitCode()).as(eval.err()).isZero();
        JsonNode inRun = JSON.readTree(runDir.resolve("summary.json").toFile()).get("evaluations").get(0);
        assertThat(JSON.readTree(report.toFile()).get("confusion_matrix")).isEqualTo(inRun.get("confusion_matrix"));
        CliRun predict = CliRun.of("predict", "--model", models.resolve("dense").toString(), "--npz", npz.toString(),
                "--out", tmp.resolve("predictions.csv").toString());
        assertThat(predict.exitCode()).as(predict.err()).isZero();

        Path png = tmp.resolve("samples.png");
        CliRun sample = CliRun.of("sample", "--model", models.resolve("dense").toString(), "--out", png.toString());
        assertThat(sample.exitCode()).isEqualTo(2);
        assertThat(sample.errLines()).as(sample.err()).hasSize(1);
        assertThat(sample.err()).startsWith("error: ").contains("plain autoencoder");
        assertThat(png).doesNotExist();
    }

    @Test
    void badModelSettingsAreRefusedInOneLineBeforeAnyWork() throws IOException {
        Path badRuns = tmp.resolve("bad-runs");
        Path badModels = tmp.resolve("bad-models");
        List<List<String>> cases = List.of(
                List.of("--set", "model.layers=[]"),
                List.of("--set", "model.channels=[4, 8]"),
                List.of("--set", "model.beta=0.5"));
        List<String> named = List.of("model.layers", "model.channels", "model.beta");
        for (int i = 0; i < cases.size(); i++) {
            List<String> a = new ArrayList<>(args("bad"));
            a.addAll(cases.get(i));
            a.addAll(List.of("--set", "output.runs_dir=" + badRuns, "--set", "output.models_dir=" + badModels));
            CliRun run = CliRun.of(a);
            assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
            assertThat(run.errLines()).as(run.err()).hasSize(1);
            assertThat(run.err()).startsWith("error: ").contains(named.get(i)).doesNotContain("Exception");
        }
        assertThat(badRuns).doesNotExist();
        assertThat(badModels).doesNotExist();
    }

    private static String withoutSeconds(String row) {
        String[] cells = row.split(",");
        cells[8] = "";   // epoch,train_loss,train_mse,train_kld,val_loss,val_mse,val_kld,lr,seconds,improved
        return String.join(",", cells);
    }
}
