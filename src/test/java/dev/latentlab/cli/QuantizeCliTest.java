package dev.latentlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.latentlab.data.NpyArray;
import dev.latentlab.data.NpzReader;
import dev.latentlab.data.RgbImage;
import dev.latentlab.data.RgbImageLoader;
import dev.latentlab.report.ReportPage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code quantize} task (configs/quantize_quick.yaml) and the one-off {@code quantize} command end to end. */
class QuantizeCliTest {
    static final String TINY = "configs/images/tiny.png";
    static final List<String> METHODS = List.of("kmeans", "minibatch", "gmm", "random", "gmm_sample");

    @TempDir
    static Path tmp;
    static CliRun quick;
    static Path runDir;

    @BeforeAll
    static void runQuickConfig() throws IOException {
        Path runs = tmp.resolve("runs");
        quick = CliRun.of("--config", "configs/quantize_quick.yaml", "--set", "output.runs_dir=" + runs);
        try (Stream<Path> s = Files.list(runs)) {
            runDir = s.findFirst().orElseThrow();
        }
    }

    @Test
    void quickConfigWritesEveryOutput() throws IOException {
        assertThat(quick.exitCode()).as(quick.err()).isZero();
        for (String m : METHODS) {
            for (int k : List.of(4, 8, 16)) {
                Path png = runDir.resolve("tiny_" + m + "_k" + k + ".png");
                assertThat(png).exists();
                RgbImage img = RgbImageLoader.load(png);
                assertThat(img.width()).isEqualTo(64);
                assertThat(img.height()).isEqualTo(48);
            }
            assertThat(runDir.resolve("tiny_scatter_" + m + "_k16.png")).exists();
        }
        for (String f : List.of("tiny_side_by_side.png", "tiny_palettes.png", "metrics.csv", "summary.json",
                "report.html", "config.yaml", "run.log")) {
            assertThat(runDir.resolve(f)).exists();
        }
        assertThat(Files.readAllLines(runDir.resolve("metrics.csv"))).hasSize(1 + 15);
        Map<String, NpyArray> palettes = NpzReader.readArrays(runDir.resolve("tiny_palettes.npz"));
        assertThat(palettes).hasSize(15);
        assertThat(palettes.get("kmeans_k8").shape()).containsExactly(8, 3);
        ReportPage page = ReportPage.of(runDir).checkRules();
        assertThat(page.figureFiles()).startsWith("tiny_side_by_side.png");
        assertThat(page.captions().get(0)).isEqualTo("tiny: the original (top), then one row per method and one "
                + "column per K.");
        assertThat(page.headlineLabels()).startsWith("MSE, tiny", "PSNR, tiny");
    }

    @Test
    void summaryShowsKMeansBeatingTheRandomPaletteAndErrorFallingWithK() throws IOException {
        JsonNode summary = new ObjectMapper().readTree(runDir.resolve("summary.json").toFile());
        assertThat(summary.at("/images/0/distinct_colours").asInt()).isGreaterThan(100);
        Map<String, Double> mse = new HashMap<>();
        for (JsonNode r : summary.get("results")) {
            mse.put(r.get("method").asText() + r.get("k").asInt(), r.get("mse").asDouble());
            assertThat(r.get("compression_ratio").asDouble()).isGreaterThan(1);
        }
        assertThat(mse).hasSize(15);
        for (int k : List.of(4, 8, 16)) {
            assertThat(mse.get("kmeans" + k)).isLessThan(mse.get("random" + k) / 3);
        }
        assertThat(mse.get("kmeans16")).isLessThan(mse.get("kmeans8"));
        assertThat(mse.get("kmeans8")).isLessThan(mse.get("kmeans4"));
    }

    @Test
    void oneOffCommandWritesAPng() throws IOException {
        Path out = tmp.resolve("out.png");
        CliRun run = CliRun.of("quantize", "--image", TINY, "--k", "8", "--method", "kmeans", "--out", out.toString(),
                "--threads", "1");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("MSE").contains("PSNR").contains("kmeans K=8");
        RgbImage img = RgbImageLoader.load(out);
        Set<Integer> colours = new HashSet<>();
        for (int i = 0; i < img.pixels().length; i += 3) {
            colours.add(((int) img.pixels()[i] << 16) | ((int) img.pixels()[i + 1] << 8) | (int) img.pixels()[i + 2]);
        }
        assertThat(colours.size()).isLessThanOrEqualTo(8);
    }

    @Test
    void badInputsExitTwoWithOneLineAndWriteNothing() throws IOException {
        Path out = tmp.resolve("bad").resolve("x.png");
        Files.createDirectories(out.getParent());
        List<List<String>> cases = List.of(
                List.of("quantize", "--image", tmp.resolve("missing.jpg").toString(), "--k", "8", "--out", out.toString()),
                List.of("quantize", "--image", TINY, "--k", "0", "--out", out.toString()),
                List.of("quantize", "--image", TINY, "--k", "8", "--method", "kmean", "--out", out.toString()),
                List.of("quantize", "--image", TINY, "--k", "8", "--out", tmp.resolve("bad/x.gif").toString()),
                List.of("quantize", "--image", TINY, "--k", "999999", "--out", out.toString()));
        for (List<String> args : cases) {
            CliRun run = CliRun.of(args);
            assertThat(run.exitCode()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(run.errLines()).as(run.err()).hasSize(1);
            assertThat(run.err()).startsWith("error: ");
        }
        assertThat(run(CliRun.of("quantize", "--image", tmp.resolve("missing.jpg").toString(), "--k", "8",
                "--out", out.toString())).err()).contains("missing.jpg: image file not found");
        try (Stream<Path> s = Files.list(out.getParent())) {
            assertThat(s.toList()).isEmpty();
        }
    }

    @Test
    void badConfigsExitTwoBeforeAnyRunFolder() {
        Path runs = tmp.resolve("bad-runs");
        List<List<String>> cases = List.of(
                List.of("--set", "images=[" + tmp.resolve("nope.png") + "]"),
                List.of("--set", "methods=[kmeans, kmedoids]"),
                List.of("--set", "k=[8, 4]"),
                List.of("--set", "gmm.covariance=ful"),
                List.of("--resume"));
        for (List<String> extra : cases) {
            List<String> args = new java.util.ArrayList<>(List.of("--config", "configs/quantize_quick.yaml",
                    "--set", "output.runs_dir=" + runs));
            args.addAll(extra);
            CliRun run = CliRun.of(args);
            assertThat(run.exitCode()).as(String.join(" ", extra)).isEqualTo(2);
            assertThat(run.errLines()).as(run.err()).hasSize(1);
        }
        assertThat(runs).doesNotExist();
    }

    private static CliRun run(CliRun r) {
        return r;
    }
}
