package dev.latentlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.latentlab.data.NpyArray;
import dev.latentlab.data.NpzReader;
import dev.latentlab.data.NpzWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code data.source: npz} with arrays as users have them — scikit-learn-shaped digits (8x8, float 0..16, ten
 * classes) and RGB [N, 32, 32, 3] uint8 — trained, predicted and evaluated through the CLI on small made data;
 * bad arrays refused before any work.
 */
class NpzImagesCliTest {
    @TempDir
    Path tmp;

    /** The example config of configuration.md ("your own arrays"), with a tiny network for the test. */
    private List<String> train(String name, Path npz, String... extra) {
        List<String> a = new ArrayList<>(List.of("--config", "configs/vae_148_quick.yaml", "--set", "name=" + name,
                "--set", "data.source=npz", "--set", "data.npz=" + npz, "--set", "data.digits=[]",
                "--set", "data.train_limit=null", "--set", "evaluate.mnist_test=false",
                "--set", "model.channels=[4, 8]", "--set", "model.strides=[2, 2]", "--set", "model.dense=16",
                "--set", "train.epochs=2", "--set", "gmm.n_init=1", "--set", "report.grid_images=4",
                "--set", "report.samples_per_component=2",
                "--set", "output.runs_dir=" + tmp.resolve("runs"), "--set", "output.models_dir=" + tmp.resolve("models")));
        a.addAll(List.of(extra));
        return a;
    }

    @Test
    void scikitLearnShapedDigitsTrainAndPredictInTheirOwnSize() throws IOException {
        Path npz = digits8(tmp.resolve("digits.npz"), 30);
        CliRun run = CliRun.of(train("digits8", npz, "--set", "data.scale=max", "--set", "model.input=[1, 8, 8]",
                "--set", "gmm.components=[10]"));
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode model = new ObjectMapper().readTree(tmp.resolve("models/digits8/model.json").toFile());
        assertThat(model.at("/metadata/input").toString()).isEqualTo("[1,8,8]");
        assertThat(model.at("/metadata/labels")).hasSize(10);
        assertThat(model.at("/unknown/quantile").asDouble()).isEqualTo(0.99);

        Path csv = tmp.resolve("p.csv");
        CliRun predict = CliRun.of("predict", "--model", tmp.resolve("models/digits8").toString(), "--npz",
                npz.toString(), "--scale", "max", "--out", csv.toString());
        assertThat(predict.exitCode()).as(predict.err()).isZero();
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines).hasSize(301);
        assertThat(lines.get(0)).startsWith("index,label,component,probability,novelty,unknown,p_0,");
        assertThat(predict.out()).contains("flagged unknown");

        CliRun unscaled = CliRun.of("predict", "--model", tmp.resolve("models/digits8").toString(), "--npz",
                npz.toString(), "--out", tmp.resolve("q.csv").toString());
        assertThat(unscaled.exitCode()).isEqualTo(2);
        assertThat(unscaled.err()).contains("expected [0,1] with --scale auto").contains("--scale: max");
        assertThat(tmp.resolve("q.csv")).doesNotExist();
    }

    @Test
    void rgbChannelsLastArraysTrainAndAreEvaluated() throws IOException {
        Random random = new Random(5);
        int n = 40;
        byte[] px = new byte[n * 32 * 32 * 3];
        long[] labels = new long[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 2;
            for (int p = 0; p < 32 * 32; p++) {   // class 0 reddish, class 1 bluish, with noise
                int channel = labels[i] == 0 ? 0 : 2;
                px[(i * 32 * 32 + p) * 3 + channel] = (byte) (150 + random.nextInt(100));
                px[(i * 32 * 32 + p) * 3 + 1] = (byte) random.nextInt(60);
            }
        }
        Path npz = write(tmp.resolve("rgb.npz"), NpyArray.ofUint8(px, n, 32, 32, 3), NpyArray.ofInt64(labels, n));
        CliRun run = CliRun.of(train("rgb", npz, "--set", "model.input=[3, 32, 32]", "--set", "gmm.components=[2]",
                "--set", "evaluate.npz=[" + npz + "]"));
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode summary = new ObjectMapper().readTree(CliRun.onlyFolderIn(tmp.resolve("runs"))
                .resolve("summary.json").toFile());
        assertThat(summary.at("/evaluations/0/count").asInt()).isEqualTo(n);
        assertThat(summary.at("/unknown_inputs/flagged/rgb.npz").asDouble()).isBetween(0.0, 1.0);
    }

    @Test
    void anArrayOfAnotherSizeIsResizedToModelInput() throws IOException {
        Path npz = digits8(tmp.resolve("digits.npz"), 4);
        CliRun run = CliRun.of(train("resized", npz, "--set", "data.scale=max", "--set", "gmm.components=[10]",
                "--set", "train.epochs=1"));
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("images are 8x8, resized to 28x28 (the model's input)");
    }

    @Test
    void badArraysAreRefusedInOneLineBeforeAnyWork() throws IOException {
        double[] nan = new double[4 * 64];
        nan[70] = Double.NaN;
        double[] negative = new double[4 * 64];
        negative[3] = -0.5;
        long[] labels = {0, 1, 0, 1};
        Map<String, String[]> cases = new LinkedHashMap<>();
        cases.put("rank5", new String[] {"shape [4,1,1,8,8]"});
        cases.put("ambiguous", new String[] {"could be [N,C,H,W] or [N,H,W,C]", "data.layout"});
        cases.put("nan", new String[] {"NaN at image 1, pixel 6"});
        cases.put("negative", new String[] {"[-0.5, 0.0]", "data.scale"});
        cases.put("rgb_for_grey", new String[] {"3 channels (RGB), the model takes 1"});
        write(tmp.resolve("rank5.npz"), NpyArray.ofFloat64(new double[4 * 64], 4, 1, 1, 8, 8), NpyArray.ofInt64(labels, 4));
        write(tmp.resolve("ambiguous.npz"), NpyArray.ofUint8(new byte[4 * 3 * 8 * 3], 4, 3, 8, 3), NpyArray.ofInt64(labels, 4));
        write(tmp.resolve("nan.npz"), NpyArray.ofFloat64(nan, 4, 8, 8), NpyArray.ofInt64(labels, 4));
        write(tmp.resolve("negative.npz"), NpyArray.ofFloat64(negative, 4, 8, 8), NpyArray.ofInt64(labels, 4));
        write(tmp.resolve("rgb_for_grey.npz"), NpyArray.ofUint8(new byte[4 * 8 * 8 * 3], 4, 8, 8, 3), NpyArray.ofInt64(labels, 4));
        for (Map.Entry<String, String[]> c : cases.entrySet()) {
            CliRun r = CliRun.of(train(c.getKey(), tmp.resolve(c.getKey() + ".npz"), "--set", "model.input=[1, 8, 8]"));
            assertThat(r.exitCode()).as(c.getKey() + ": " + r.err()).isEqualTo(2);
            assertThat(r.errLines()).as(r.err()).hasSize(1);
            assertThat(r.err()).startsWith("error: ").contains(c.getKey() + ".npz");
            for (String s : c.getValue()) {
                assertThat(r.err()).as(c.getKey()).contains(s);
            }
        }
        assertThat(tmp.resolve("runs")).doesNotExist();
        assertThat(tmp.resolve("models")).doesNotExist();
    }

    /** 8x8 float64 digits 0..16 as scikit-learn's load_digits has them: class k a bar at row k % 8, ten classes. */
    static Path digits8(Path file, int perClass) throws IOException {
        Random random = new Random(11);
        int n = 10 * perClass;
        double[] px = new double[n * 64];
        long[] labels = new long[n];
        for (int i = 0; i < n; i++) {
            int k = i % 10;
            labels[i] = k;
            for (int p = 0; p < 64; p++) {
                int r = p / 8;
                int c = p % 8;
                boolean ink = k < 8 ? r == k : (k == 8 ? c == 2 : c == 5);
                px[i * 64 + p] = ink ? 12 + random.nextInt(5) : random.nextInt(3);
            }
        }
        return write(file, NpyArray.ofFloat64(px, n, 8, 8), NpyArray.ofInt64(labels, n));
    }

    static Path write(Path file, NpyArray images, NpyArray labels) throws IOException {
        Map<String, NpyArray> arrays = new LinkedHashMap<>();
        arrays.put("images", images);
        arrays.put("labels", labels);
        NpzWriter.write(file, arrays, NpzWriter.Compression.STORED);
        assertThat(NpzReader.keys(file)).containsExactly("images", "labels");
        return file;
    }
}
