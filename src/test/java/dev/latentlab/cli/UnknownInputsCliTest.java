package dev.latentlab.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.latentlab.data.NpyArray;
import dev.latentlab.data.NpzReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Unknown inputs through the CLI: a model trained on two made classes (horizontal and vertical bars) is shown a
 * third (filled squares); predict flags them and evaluate --unknown reports the detection; a model saved without a
 * threshold still loads and says that it cannot flag.
 */
class UnknownInputsCliTest {
    @TempDir
    static Path tmp;
    static Path model;
    static Path known;
    static Path heldOut;
    static Path other;
    static CliRun training;

    @BeforeAll
    static void trainOnTwoClasses() throws IOException {
        known = shapes(tmp.resolve("bars.npz"), new int[] {0, 1}, 240, 3);
        heldOut = shapes(tmp.resolve("held_out_bars.npz"), new int[] {0, 1}, 60, 5);
        other = shapes(tmp.resolve("squares.npz"), new int[] {2}, 60, 4);
        training = CliRun.of("--config", "configs/vae_148_quick.yaml", "--set", "name=bars",
                "--set", "data.source=npz", "--set", "data.npz=" + known, "--set", "data.digits=[]",
                "--set", "data.train_limit=null", "--set", "evaluate.mnist_test=false",
                // 4 x 4 maps of 16 channels: the features score needs more than the 2 x 2 x 8 that would classify them
                "--set", "model.input=[1, 8, 8]", "--set", "model.channels=[8, 16]", "--set", "model.strides=[1, 2]",
                "--set", "model.dense=16", "--set", "model.latent_dim=4", "--set", "train.epochs=3",
                "--set", "gmm.components=[2]", "--set", "gmm.embedding=none", "--set", "gmm.n_init=1",
                "--set", "report.grid_images=4", "--set", "report.samples_per_component=2",
                "--set", "output.runs_dir=" + tmp.resolve("runs"), "--set", "output.models_dir=" + tmp.resolve("models"));
        model = tmp.resolve("models/bars");
    }

    @Test
    void theThresholdIsTheQuantileOfTheValidationScores() throws IOException {
        assertThat(training.exitCode()).as(training.err()).isZero();
        JsonNode unknown = new ObjectMapper().readTree(model.resolve("model.json").toFile()).get("unknown");
        assertThat(unknown.get("quantile").asDouble()).isEqualTo(0.99);
        assertThat(unknown.get("validation_images").asInt()).isEqualTo(48);   // 20 % of 240
        assertThat(unknown.get("score").asText()).isEqualTo("features");   // a conv model's default
        assertThat(unknown.get("neighbours").asInt()).isEqualTo(5);
        double[][] reference = dev.latentlab.latent.FeatureReference.read(model);   // all 192 training images (< 5,000)
        assertThat(reference).hasNumberOfRows(192);
        assertThat(reference[0]).hasSize(16 * 9);   // the last convolution's 16 channels, pooled to 3 x 3
        double[][] valLoss = dev.latentlab.data.LatentsNpz.readMatrix(model.resolve("validation_loss.npz"), "val_loss");
        assertThat(valLoss).hasNumberOfRows(48);
        JsonNode summary = new ObjectMapper().readTree(CliRun.onlyFolderIn(tmp.resolve("runs"))
                .resolve("summary.json").toFile());
        assertThat(summary.at("/unknown_inputs/threshold").asDouble()).isEqualTo(unknown.get("threshold").asDouble());
    }

    @Test
    void predictFlagsTheThirdClassAndWritesScoresAndFlags() throws IOException {
        Path csv = tmp.resolve("squares.csv");
        CliRun r = CliRun.of("predict", "--model", model.toString(), "--npz", other.toString(), "--out", csv.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        List<String> rows = Files.readAllLines(csv);
        assertThat(rows.get(0)).isEqualTo("index,label,component,probability,novelty,unknown,p_0,p_1");
        long flagged = rows.stream().skip(1).filter(l -> l.split(",")[1].equals("unknown")).count();
        assertThat(rows.stream().skip(1).filter(l -> l.split(",")[5].equals("true")).count()).isEqualTo(flagged);
        assertThat(flagged).isGreaterThanOrEqualTo(48);   // at least 80 % of the 60 squares

        Path npz = tmp.resolve("squares_pred.npz");
        assertThat(CliRun.of("predict", "--model", model.toString(), "--npz", other.toString(), "--out", npz.toString())
                .exitCode()).isZero();
        Map<String, NpyArray> arrays = NpzReader.readArrays(npz);
        assertThat(arrays.get("novelty").shape()).containsExactly(60L);
        assertThat(arrays.get("unknown").dtype().numpyName()).isEqualTo("bool");
        long flags = 0;
        for (int i = 0; i < 60; i++) {
            flags += arrays.get("unknown").getLong(i);
        }
        assertThat(flags).isEqualTo(flagged);
    }

    @Test
    void evaluateReportsTheDetectionAurocAndTheSharesFlagged() throws IOException {
        Path json = tmp.resolve("eval.json");
        CliRun r = CliRun.of("evaluate", "--model", model.toString(), "--npz", heldOut.toString(), "--unknown",
                other.toString(), "--out", json.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("unknown-input detection").contains("AUROC");
        JsonNode d = new ObjectMapper().readTree(json.toFile()).get("unknown_detection");
        assertThat(d.get("can_flag").asBoolean()).isTrue();
        assertThat(d.get("auroc").asDouble()).isGreaterThan(0.95);
        assertThat(d.get("known_flagged").asDouble()).isLessThan(0.1);
        assertThat(d.get("unknown_flagged").asDouble()).isGreaterThanOrEqualTo(0.8);
    }

    @Test
    void benchNoveltyMeasuresEveryScoreAndAgreesWithEvaluateOnTheModelsOwn() throws IOException {
        CliRun bench = CliRun.of("bench", "novelty", "--model", model.toString(), "--npz", heldOut.toString(),
                "--unknown", other.toString(), "--latent-components", "2");
        assertThat(bench.exitCode()).as(bench.err()).isZero();
        List<String> printed = bench.out().lines().toList();
        JsonNode line = new ObjectMapper().readTree(printed.get(printed.size() - 1));
        assertThat(line.get("known_images").asInt()).isEqualTo(60);
        assertThat(line.get("unknown_images").asInt()).isEqualTo(60);
        JsonNode scores = line.get("scores");
        assertThat(scores.fieldNames()).toIterable().containsExactly("reconstruction", "elbo", "knn_k1", "knn_k5",
                "knn_k20", "latent_density_k2", "mixture_density", "features_k1", "features_k5", "features_k20");
        for (JsonNode s : scores) {
            assertThat(s.get("auroc").asDouble()).isBetween(0.0, 1.0);
        }
        assertThat(scores.get("features_k1").has("threshold")).isFalse();   // no validation features are kept
        JsonNode own = scores.get("features_k5");
        JsonNode saved = new ObjectMapper().readTree(model.resolve("model.json").toFile()).get("unknown");
        assertThat(own.get("threshold").asDouble()).isEqualTo(saved.get("threshold").asDouble());
        Path json = tmp.resolve("eval_bench.json");
        assertThat(CliRun.of("evaluate", "--model", model.toString(), "--npz", heldOut.toString(), "--unknown",
                other.toString(), "--out", json.toString()).exitCode()).isZero();
        JsonNode d = new ObjectMapper().readTree(json.toFile()).get("unknown_detection");
        assertThat(own.get("auroc").asDouble()).isCloseTo(d.get("auroc").asDouble(), within(1e-9));
        assertThat(own.get("unknown_flagged").asDouble()).isEqualTo(d.get("unknown_flagged").asDouble());

        CliRun bad = CliRun.of("bench", "novelty", "--model", model.toString(), "--npz", heldOut.toString(),
                "--unknown", other.toString(), "--quantile", "0");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.errLines()).as(bad.err()).hasSize(1);
    }

    @Test
    void aModelSavedWithoutAThresholdLoadsAndSaysItCannotFlag() throws IOException {
        Path old = TinyModels.vaeGmm(tmp.resolve("old"));
        Path digits = tmp.resolve("digits.npz");
        assertThat(CliRun.of("data", "npz", "--split", "test", "--digits", "0,1", "--dir",
                dev.latentlab.data.MnistFixtures.dir().toString(), "--out", digits.toString()).exitCode()).isZero();
        Path csv = tmp.resolve("old.csv");
        CliRun predict = CliRun.of("predict", "--model", old.toString(), "--npz", digits.toString(), "--out", csv.toString());
        assertThat(predict.exitCode()).as(predict.err()).isZero();
        assertThat(predict.err()).contains("saved without an unknown-input threshold");
        assertThat(Files.readAllLines(csv).get(0)).isEqualTo("index,label,component,probability,p_0,p_1");
        CliRun eval = CliRun.of("evaluate", "--model", old.toString(), "--npz", digits.toString(), "--out",
                tmp.resolve("old.json").toString());
        assertThat(eval.exitCode()).as(eval.err()).isZero();
        assertThat(eval.out()).contains("saved without an unknown-input threshold");
        assertThat(new ObjectMapper().readTree(tmp.resolve("old.json").toFile())
                .at("/unknown_detection/can_flag").asBoolean()).isFalse();
    }

    /** 8x8 uint8 shapes: class 0 a horizontal bar, 1 a vertical bar, 2 a filled 4x4 square, at random places. */
    static Path shapes(Path file, int[] classes, int count, long seed) throws IOException {
        Random random = new Random(seed);
        byte[] px = new byte[count * 64];
        long[] labels = new long[count];
        for (int i = 0; i < count; i++) {
            int k = classes[i % classes.length];
            labels[i] = k;
            int at = random.nextInt(k == 2 ? 5 : 8);
            int at2 = random.nextInt(5);
            for (int p = 0; p < 64; p++) {
                int r = p / 8;
                int c = p % 8;
                boolean ink = k == 0 ? r == at : k == 1 ? c == at
                        : r >= at && r < at + 4 && c >= at2 && c < at2 + 4;
                px[i * 64 + p] = (byte) (ink ? 200 + random.nextInt(56) : random.nextInt(30));
            }
        }
        return NpzImagesCliTest.write(file, NpyArray.ofUint8(px, count, 8, 8), NpyArray.ofInt64(labels, count));
    }
}
