package dev.latentlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.latentlab.data.IdxReader;
import dev.latentlab.data.ImageSet;
import dev.latentlab.data.MnistFixtures;
import dev.latentlab.data.NpyArray;
import dev.latentlab.data.NpzReader;
import dev.latentlab.report.ReportNumbers;
import dev.latentlab.report.ReportPage;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end through the CLI: {@code --config configs/vae_148_quick.yaml} with a tiny network on the fixture
 * digits (everything under a temp folder), then {@code data npz}, {@code evaluate}, {@code sample}, {@code --resume}
 * and the bad-input cases.
 */
class VaeGmmCliTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;
    static Path data;
    static Path runs;
    static Path models;
    static CliRun first;
    static Path runDir;
    static JsonNode summary;

    static List<String> args(String name, String... extra) {
        List<String> a = new ArrayList<>(List.of("--config", "configs/vae_148_quick.yaml",
                "--set", "name=" + name,
                "--set", "data.dir=" + data, "--set", "data.fetch=false", "--set", "data.train_limit=null",
                "--set", "model.channels=[4, 8]", "--set", "model.strides=[2, 2]", "--set", "model.dense=16",
                "--set", "train.epochs=2", "--set", "train.batch_size=32", "--set", "gmm.components=[3, 4]",
                "--set", "gmm.n_init=1", "--set", "report.grid_images=4", "--set", "report.samples_per_component=3",
                "--set", "output.runs_dir=" + runs, "--set", "output.models_dir=" + models));
        a.addAll(List.of(extra));
        return a;
    }

    @BeforeAll
    static void runTinyConfig() throws IOException {
        data = MnistFixtures.dir(); // read-only: fetch is off
        runs = tmp.resolve("runs");
        models = tmp.resolve("models");
        first = CliRun.of(args("tiny"));
        runDir = CliRun.onlyFolderIn(runs);
        summary = runDir == null ? null : JSON.readTree(runDir.resolve("summary.json").toFile());
    }

    @Test
    void runWritesTheRunFolderAndTheModel() throws IOException {
        assertThat(first.exitCode()).as(first.err()).isZero();
        for (String f : List.of("config.yaml", "run.log", "metrics.csv", "summary.json", "report.html", "latents.npz",
                "loss.png", "loss_terms.png", "reconstructions.png", "latent_space.png", "samples.png")) {
            assertThat(runDir.resolve(f)).as(f).isNotEmptyFile();
        }
        assertThat(Files.readAllLines(runDir.resolve("metrics.csv"))).hasSize(3);
        for (String f : List.of("model.json", "gmm/gmm.npz", "gmm/gmm.json", "embedding/embedding.npz",
                "embedding/embedding.json")) {
            assertThat(models.resolve("tiny").resolve(f)).as(f).isNotEmptyFile();
        }
    }

    @Test
    void summaryAndModelJsonRecordTheProvenanceOfTheRunsConfig() throws Exception {
        JsonNode metadata = JSON.readTree(models.resolve("tiny/model.json").toFile()).get("metadata");
        assertThat(metadata.has("nd4j_version")).isFalse();
        RunProvenance.assertOfTheRunsConfig(runDir, summary.get("provenance"), metadata.get("provenance"));
    }

    @Test
    void reportOpensWithTheTestAccuracyAndShowsTheConfusionMatricesAsFigures() throws IOException {
        assertThat(first.exitCode()).as(first.err()).isZero();
        ReportPage page = ReportPage.of(runDir).checkRules();
        assertThat(page.headlineLabels()).startsWith("test accuracy", "NMI", "ARI").contains("run time");
        assertThat(page.headlineValue("test accuracy")).isEqualTo(
                ReportNumbers.format(summary.at("/evaluations/0/accuracy").asDouble()));
        assertThat(page.rerun()).endsWith(" --config " + runDir.resolve("config.yaml"));
        assertThat(page.figureFiles()).contains("loss.png", "latent_space.png", "confusion_validation.png",
                "confusion_evaluations_0.png");
        assertThat(page.captions()).doesNotHaveDuplicates();
    }

    @Test
    void summaryCountsTheDigitsAndEvaluatesTheTestFixtures() throws IOException {
        ImageSet train = IdxReader.readImages(data.resolve("train-images-idx3-ubyte.gz"), data.resolve("train-labels-idx1-ubyte.gz"))
                .withLabels(List.of(1, 4, 8));
        ImageSet test = IdxReader.readImages(data.resolve("t10k-images-idx3-ubyte.gz"), data.resolve("t10k-labels-idx1-ubyte.gz"))
                .withLabels(List.of(1, 4, 8));
        assertThat(summary.get("train_images").asInt() + summary.get("validation_images").asInt()).isEqualTo(train.count());
        assertThat(summary.get("validation_images").asInt()).isEqualTo(Math.round(0.2 * train.count()));
        assertThat(summary.get("epochs_run").asInt()).isEqualTo(2);
        assertThat(summary.get("gmm_candidates")).hasSize(2);
        int chosen = summary.get("gmm_components").asInt();
        assertThat(chosen).isIn(3, 4);
        JsonNode eval = summary.get("evaluations").get(0);
        assertThat(eval.get("name").asText()).isEqualTo("mnist_t10k");
        assertThat(eval.get("count").asInt()).isEqualTo(test.count());
        assertThat(eval.get("accuracy").asDouble()).isBetween(0.0, 1.0);
        int total = 0;
        for (JsonNode row : eval.get("confusion_matrix")) {
            for (JsonNode cell : row) {
                total += cell.asInt();
            }
        }
        assertThat(total).isEqualTo(test.count());
        Map<String, NpyArray> latents = NpzReader.readArrays(runDir.resolve("latents.npz"));
        assertThat(latents.get("train_mu").shape()).containsExactly(summary.get("train_images").asLong(), 10L);
    }

    @Test
    void evaluateOnAnExportedNpzReproducesTheRunsTestAccuracy() throws IOException {
        Path npz = tmp.resolve("held_out.npz");
        CliRun export = CliRun.of("data", "npz", "--split", "test", "--digits", "1,4,8", "--dir", data.toString(),
                "--out", npz.toString());
        assertThat(export.exitCode()).as(export.err()).isZero();
        Path report = tmp.resolve("eval.json");
        CliRun eval = CliRun.of("evaluate", "--model", models.resolve("tiny").toString(), "--npz", npz.toString(),
                "--out", report.toString());
        assertThat(eval.exitCode()).as(eval.err()).isZero();
        assertThat(eval.out()).contains("accuracy").contains("confusion");
        JsonNode json = JSON.readTree(report.toFile());
        JsonNode inRun = summary.get("evaluations").get(0);
        assertThat(json.get("accuracy").asDouble()).isEqualTo(inRun.get("accuracy").asDouble());
        assertThat(json.get("confusion_matrix")).isEqualTo(inRun.get("confusion_matrix"));
    }

    @Test
    void sampleDrawsOneRowPerComponent() throws IOException {
        Path png = tmp.resolve("samples.png");
        CliRun run = CliRun.of("sample", "--model", models.resolve("tiny").toString(), "--per-component", "5",
                "--out", png.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getHeight()).isGreaterThan(summary.get("gmm_components").asInt() * 28 * 2);
    }

    @Test
    void resumeContinuesTheInterruptedTraining() throws IOException {
        CliRun base = CliRun.of(args("resumable", "--set", "train.epochs=1", "--set", "evaluate.mnist_test=false",
                "--set", "gmm.embedding=none"));
        assertThat(base.exitCode()).as(base.err()).isZero();
        CliRun resumed = CliRun.of(args("resumable", "--set", "train.epochs=2", "--set", "evaluate.mnist_test=false",
                "--set", "gmm.embedding=none", "--resume"));
        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        Path latest;
        try (Stream<Path> s = Files.list(runs)) {
            // the second run folder of the same second is named ...-resumable-2
            latest = s.filter(p -> p.getFileName().toString().contains("-resumable")).max(Path::compareTo).orElseThrow();
        }
        List<String> rows = Files.readAllLines(latest.resolve("metrics.csv"));
        assertThat(rows.get(rows.size() - 1)).startsWith("2,");
        assertThat(JSON.readTree(latest.resolve("summary.json").toFile()).get("epochs_run").asInt()).isEqualTo(2);
    }

    @Test
    void withoutSaveModelNothingStaysUnderModels() throws IOException {
        CliRun run = CliRun.of(args("unsaved", "--set", "train.epochs=1", "--set", "evaluate.mnist_test=false",
                "--set", "output.save_model=false"));
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(models.resolve("unsaved")).doesNotExist();
        assertThat(models.resolve("unsaved.checkpoint")).doesNotExist();   // nor its training checkpoint
    }

    @Test
    void badInputsExitTwoWithOneLineAndNoRunFolder() throws IOException {
        Path emptyRuns = tmp.resolve("bad-runs");
        List<List<String>> cases = List.of(
                args("nocheckpoint", "--resume"),
                args("nodigits", "--set", "data.digits=[11]"),
                args("strides", "--set", "model.strides=[2]"),
                args("oddsize", "--set", "model.strides=[2, 2, 2]", "--set", "model.channels=[4, 8, 8]"),
                args("nonpz", "--set", "data.source=npz"),
                args("missingnpz", "--set", "evaluate.npz=[" + tmp.resolve("nope.npz") + "]"));
        for (List<String> c : cases) {
            List<String> a = new ArrayList<>(c);
            a.addAll(List.of("--set", "output.runs_dir=" + emptyRuns));
            CliRun run = CliRun.of(a);
            assertThat(run.exitCode()).as(String.join(" ", c) + "\n" + run.err()).isEqualTo(2);
            assertThat(run.errLines()).as(run.err()).hasSize(1);
            assertThat(run.errLines().get(0)).startsWith("error: ");
        }
        assertThat(Files.exists(emptyRuns) ? Files.list(emptyRuns).count() : 0).isZero();
        CliRun eval = CliRun.of("evaluate", "--model", tmp.resolve("no-model").toString(), "--npz", "x.npz");
        assertThat(eval.exitCode()).isEqualTo(2);
        assertThat(eval.errLines()).hasSize(1);
        assertThat(Arrays.asList(eval.err().split(" "))).isNotEmpty();
    }

    @Test
    void summaryReportsClusteringFiguresAndOneComponentPerClassBesideTheChosenNumber() {
        JsonNode eval = summary.get("evaluations").get(0);
        assertThat(eval.get("hungarian_accuracy").asDouble()).isBetween(0.0, 1.0);
        assertThat(eval.get("nmi").asDouble()).isBetween(0.0, 1.0);
        assertThat(eval.get("ari").asDouble()).isBetween(-1.0, 1.0);
        assertThat(summary.get("gmm_components_chosen_by").asText()).isEqualTo("val_accuracy");
        JsonNode perClass = summary.get("one_component_per_class");
        assertThat(perClass.get("components").asInt()).isEqualTo(3);
        assertThat(perClass.get("validation").get("clusters").asInt()).isLessThanOrEqualTo(3);
        assertThat(perClass.get("evaluations").get(0).get("name").asText()).isEqualTo("mnist_t10k");
        assertThat(perClass.get("evaluations").get(0).get("count").asInt())
                .isEqualTo(eval.get("count").asInt());
    }

    @Test
    void predictLabelsEqualEvaluatesPredictionsOnTheSameFile() throws IOException {
        Path npz = tmp.resolve("predict_in.npz");
        CliRun export = CliRun.of("data", "npz", "--split", "test", "--digits", "1,4,8", "--dir", data.toString(),
                "--out", npz.toString());
        assertThat(export.exitCode()).as(export.err()).isZero();
        Path csv = tmp.resolve("predictions.csv");
        Path report = tmp.resolve("predict_eval.json");
        CliRun predict = CliRun.of("predict", "--model", models.resolve("tiny").toString(), "--npz", npz.toString(),
                "--out", csv.toString());
        CliRun eval = CliRun.of("evaluate", "--model", models.resolve("tiny").toString(), "--npz", npz.toString(),
                "--out", report.toString());
        assertThat(predict.exitCode()).as(predict.err()).isZero();
        assertThat(eval.exitCode()).as(eval.err()).isZero();

        ImageSet images = NpzReader.readImages(npz, null, null);
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines.get(0)).startsWith("index,label,component,probability,novelty,unknown,p_");
        assertThat(lines).hasSize(images.count() + 1);
        JsonNode json = JSON.readTree(report.toFile());
        int[] labels = toInts(json.get("labels"));
        int[][] confusion = new int[labels.length][labels.length];
        dev.latentlab.latent.LatentClassifier model = dev.latentlab.latent.LatentClassifierFiles.load(models.resolve("tiny"));
        int[] predicted;
        try (org.nd4j.linalg.api.ndarray.INDArray tensor = dev.latentlab.data.ImageTensors.unit(images)) {
            predicted = model.predict(tensor);
        }
        boolean[] flagged = new boolean[images.count()];
        for (int t = 0; t < images.count(); t++) {
            String[] cells = lines.get(t + 1).split(",");
            assertThat(Integer.parseInt(cells[0])).isEqualTo(t);
            flagged[t] = Boolean.parseBoolean(cells[5]);
            // a flagged row's label is "unknown"; the nearest class is the model's prediction
            assertThat(cells[1]).isEqualTo(flagged[t] ? "unknown" : String.valueOf(predicted[t]));
            assertThat(Double.parseDouble(cells[3])).isBetween(0.0, 1.0);
            assertThat(Double.parseDouble(cells[4])).as("novelty").isNotNaN().isNotNegative();
            double sum = 0;
            for (int c = 6; c < cells.length; c++) {
                sum += Double.parseDouble(cells[c]);
            }
            assertThat(sum).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-9));
            confusion[Arrays.binarySearch(labels, images.labels()[t])][Arrays.binarySearch(labels, predicted[t])]++;
        }
        for (int a = 0; a < labels.length; a++) {
            assertThat(confusion[a]).as("confusion row %d", a).containsExactly(toInts(json.get("confusion_matrix").get(a)));
        }

        Path out = tmp.resolve("predictions.npz");
        CliRun asNpz = CliRun.of("predict", "--model", models.resolve("tiny").toString(), "--npz", npz.toString(),
                "--out", out.toString());
        assertThat(asNpz.exitCode()).as(asNpz.err()).isZero();
        Map<String, NpyArray> arrays = NpzReader.readArrays(out);
        assertThat(arrays.keySet()).containsExactly("index", "label", "component", "probability", "classes",
                "class_probabilities", "novelty", "unknown");
        for (int t = 0; t < predicted.length; t++) {
            assertThat(arrays.get("label").getLong(t)).isEqualTo(predicted[t]);   // the npz keeps the nearest class
            assertThat(arrays.get("unknown").getLong(t) != 0).isEqualTo(flagged[t]);
        }
        assertThat(arrays.get("class_probabilities").shape())
                .containsExactly((long) predicted.length, arrays.get("classes").dim(0));
    }

    @Test
    void predictReadsUnlabelledIdxAndRefusesBadInput() throws IOException {
        Path csv = tmp.resolve("idx_predictions.csv");
        CliRun idx = CliRun.of("predict", "--model", models.resolve("tiny").toString(), "--idx",
                data.resolve("t10k-images-idx3-ubyte.gz").toString(), "--out", csv.toString());
        assertThat(idx.exitCode()).as(idx.err()).isZero();
        assertThat(Files.readAllLines(csv)).hasSize(IdxReader.readImages(data.resolve("t10k-images-idx3-ubyte.gz"),
                null).count() + 1);

        List<List<String>> bad = List.of(
                List.of("--model", models.resolve("tiny").toString(), "--idx",
                        data.resolve("t10k-images-idx3-ubyte.gz").toString(), "--out", tmp.resolve("p.txt").toString()),
                List.of("--model", tmp.resolve("no-model").toString(), "--idx",
                        data.resolve("t10k-images-idx3-ubyte.gz").toString(), "--out", tmp.resolve("q.csv").toString()),
                List.of("--model", models.resolve("tiny").toString(), "--npz", tmp.resolve("missing.npz").toString(),
                        "--out", tmp.resolve("r.csv").toString()),
                List.of("--model", models.resolve("tiny").toString(), "--idx",
                        data.resolve("t10k-images-idx3-ubyte.gz").toString(), "--out", tmp.toString()));
        for (List<String> b : bad) {
            List<String> a = new ArrayList<>(List.of("predict"));
            a.addAll(b);
            CliRun run = CliRun.of(a);
            assertThat(run.exitCode()).as(String.join(" ", b) + "\n" + run.err()).isEqualTo(2);
            assertThat(run.errLines()).as(run.err()).hasSize(1);
        }
        assertThat(tmp.resolve("p.txt")).doesNotExist();
        assertThat(tmp.resolve("q.csv")).doesNotExist();
    }

    private static int[] toInts(JsonNode array) {
        int[] out = new int[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asInt();
        }
        return out;
    }
}
