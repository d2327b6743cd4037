package dev.latentlab.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.latentlab.data.ImageSet;
import dev.latentlab.data.MnistFile;
import dev.latentlab.data.MnistFiles;
import dev.latentlab.data.MnistFixtures;
import dev.latentlab.data.PictureLoader;
import dev.latentlab.patches.PatchCodebook;
import dev.latentlab.patches.PatchCoder;
import dev.latentlab.patches.PatchDictionary;
import dev.latentlab.patches.PatchExtractor;
import dev.latentlab.patches.PatchReconstructor;
import dev.latentlab.patches.SparseDictionary;
import dev.latentlab.patches.TilePadding;
import dev.latentlab.patches.Tiling;
import dev.latentlab.report.ImageGrid;
import dev.latentlab.report.ReportPage;
import dev.latentlab.task.dictionary.PatchDictionaryFiles;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The method comparison end to end: configs/patch_methods_quick.yaml (Lloyd, mini-batch and sparse coding, padded
 * tiling, the shipped novel pictures) on fixture digits with tiny K, then {@code reconstruct --image ... --tiling
 * padded} with the saved k-means and sparse dictionaries, and the user mistakes of the new keys and options.
 */
class PatchMethodsCliTest {
    static final int TRAIN = 60;
    static final int TEST = 30;
    static final List<String> METHODS = List.of("lloyd", "minibatch", "sparse");
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;
    static Path data;
    static Path runs;
    static Path models;
    static CliRun first;
    static Path runDir;
    static JsonNode summary;

    static List<String> quick(Path runsDir, Path modelsDir, String... extra) {
        List<String> args = new ArrayList<>(List.of("--config", "configs/patch_methods_quick.yaml",
                "--set", "data.dir=" + data, "--set", "data.fetch=false",
                "--set", "data.train_limit=" + TRAIN, "--set", "data.test_limit=" + TEST,
                "--set", "kmeans.k=[4, 8, 16]", "--set", "kmeans.max_iter=6", "--set", "sparse.max_iter=4",
                "--set", "report.atlas_k=[16]", "--set", "report.code_k=16", "--set", "report.example_digits=4",
                "--set", "output.runs_dir=" + runsDir, "--set", "output.models_dir=" + modelsDir));
        args.addAll(List.of(extra));
        return args;
    }

    @BeforeAll
    static void runQuickConfig() throws IOException {
        data = MnistFixtures.dir(); // read-only: fetch is off
        runs = tmp.resolve("runs");
        models = tmp.resolve("models");
        first = CliRun.of(quick(runs, models));
        runDir = CliRun.onlyFolderIn(runs);
        summary = runDir == null ? null : JSON.readTree(runDir.resolve("summary.json").toFile());
    }

    @Test
    void runWritesTheComparisonPlotTheNovelImageFigureAndTheCodeWeights() throws IOException {
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(runDir.getFileName().toString()).matches("\\d{8}-\\d{6}-patch_methods_quick");
        for (String file : List.of("compare_mse_vs_k.png", "novel_images.png", "code_weights_sparse_k16.png",
                "mse_vs_k.png", "reconstruction_test.png", "reconstruction_train.png", "atlas_lloyd_k16.png",
                "atlas_sparse_k16.png", "patch_examples_minibatch_k16.png", "comparison.csv", "metrics.csv",
                "mse_vs_iteration_lloyd.png", "mse_vs_iteration_minibatch.png", "mse_vs_iteration_sparse.png",
                "summary.json", "config.yaml", "report.html")) {
            assertThat(runDir.resolve(file)).as(file).isNotEmptyFile();
        }
        assertThat(ReportPage.of(runDir).checkRules().figureFiles())
                .contains("compare_mse_vs_k.png", "novel_images.png", "code_weights_sparse_k16.png");
        // The novel figure: the six shipped pictures, then one row per method and K.
        List<float[]> blank = Collections.nCopies(6, new float[784]);
        ImageGrid.Builder expected = ImageGrid.builder(28, 28).upscale(3).padding(2).row("original", blank);
        for (String m : METHODS) {
            for (int k : new int[] {4, 8, 16}) {
                expected.row(m + " K=" + k, blank);
            }
        }
        BufferedImage novel = ImageIO.read(runDir.resolve("novel_images.png").toFile());
        BufferedImage grid = expected.build().toImage();
        assertThat(novel.getWidth()).isEqualTo(grid.getWidth());
        assertThat(novel.getHeight()).isEqualTo(grid.getHeight());
    }

    @Test
    void everyMethodAndKHasAResultAndSparseCodingBeatsKMeansAtEqualK() throws IOException {
        assertThat(summary.get("tiling").asText()).isEqualTo("padded");
        assertThat(summary.get("methods").toString()).isEqualTo("[\"lloyd\",\"minibatch\",\"sparse\"]");
        JsonNode results = summary.get("results");
        assertThat(results).hasSize(9);
        for (int i = 0; i < 9; i++) {
            JsonNode r = results.get(i);
            assertThat(r.get("method").asText()).isEqualTo(METHODS.get(i / 3));
            assertThat(r.get("k").asInt()).isEqualTo(new int[] {4, 8, 16}[i % 3]);
            assertThat(r.get("fit_seconds").asDouble()).isPositive();
        }
        for (int i = 0; i < 3; i++) {
            JsonNode lloyd = results.get(i);
            JsonNode sparse = results.get(6 + i);
            assertThat(sparse.get("test_mse").asDouble()).as("K=%d", lloyd.get("k").asInt())
                    .isLessThan(lloyd.get("test_mse").asDouble());
            assertThat(sparse.get("recon_mse").asDouble()).isLessThan(lloyd.get("recon_mse").asDouble());
        }
        List<String> rows = Files.readAllLines(runDir.resolve("comparison.csv"));
        assertThat(rows.get(0)).isEqualTo("method,k,train_mse,fit_mse,test_mse,recon_mse,recon_psnr,fit_seconds,iterations,converged");
        assertThat(rows).hasSize(10);
        assertThat(rows.get(7)).startsWith("sparse,4,");
        List<String> metrics = Files.readAllLines(runDir.resolve("metrics.csv"));
        assertThat(metrics.stream().filter(l -> l.startsWith("sparse,16,")).count())
                .isEqualTo(results.get(8).get("iterations").asLong());
    }

    @Test
    void savedDictionariesRebuildTheReportedDigitsAndTheNullCentroidKeepsBlankTilesZero() {
        ImageSet test = MnistFiles.test(MnistFixtures.dir()).head(TEST);
        PatchCodebook lloyd = PatchDictionaryFiles.loadCodebook(models.resolve("patch_methods_quick/lloyd_k16"));
        PatchCodebook sparse = PatchDictionaryFiles.loadCodebook(models.resolve("patch_methods_quick/sparse_k16"));
        assertThat(lloyd).isInstanceOf(PatchDictionary.class);
        assertThat(sparse).isInstanceOf(SparseDictionary.class);
        assertThat(((SparseDictionary) sparse).nonZeros()).isEqualTo(2);
        float[] lloydRecon;
        float[] sparseRecon;
        try (PatchCoder coder = new PatchCoder(2, 0)) {
            lloydRecon = coder.reconstruct(test, lloyd, Tiling.PADDED);
            sparseRecon = coder.reconstruct(test, sparse, Tiling.PADDED);
        }
        double lloydMse = summary.get("results").get(2).get("recon_mse").asDouble();
        double sparseMse = summary.get("results").get(8).get("recon_mse").asDouble();
        assertThat(PatchReconstructor.mse(test, lloydRecon)).isCloseTo(lloydMse, within(1e-6 * lloydMse));
        assertThat(PatchReconstructor.mse(test, sparseRecon)).isCloseTo(sparseMse, within(1e-6 * sparseMse));

        // Every pixel of a blank tile of the padded digit (28 -> 30, tiles of 5) is exactly 0 in both rebuilds.
        TilePadding padding = new TilePadding(28, 28, 5);
        ImageSet padded = padding.pad(test);
        PatchExtractor tiles = new PatchExtractor(5, 5);
        int blankPixels = 0;
        for (int i = 0; i < TEST; i++) {
            for (int y = 0; y < 28; y++) {
                for (int x = 0; x < 28; x++) {
                    int top = (y + 1) / 5 * 5;
                    int left = (x + 1) / 5 * 5;
                    if (tiles.isBlank(padded, i, top, left)) {
                        blankPixels++;
                        assertThat(lloydRecon[i * 784 + y * 28 + x]).isZero();
                        assertThat(sparseRecon[i * 784 + y * 28 + x]).isZero();
                    }
                }
            }
        }
        assertThat(blankPixels).isGreaterThan(TEST * 200);
    }

    @Test
    void reconstructNovelPicturesWithPaddedTilesAndAKMeansAndASparseDictionary() throws IOException {
        Path out = tmp.resolve("novel.png");
        String lloyd = models.resolve("patch_methods_quick/lloyd_k16").toString();
        String sparse = models.resolve("patch_methods_quick/sparse_k16").toString();
        CliRun r = CliRun.of("reconstruct", "--model", lloyd + "," + sparse,
                "--image", "configs/images/letter_a.png,configs/images/circle.png", "--tiling", "padded",
                "--out", out.toString());

        assertThat(r.exitCode()).as(r.err()).isZero();
        ImageSet pictures = PictureLoader.load(List.of(Path.of("configs/images/letter_a.png"),
                Path.of("configs/images/circle.png")), 28, 28, PictureLoader.Invert.AUTO);
        try (PatchCoder coder = new PatchCoder(2, 0)) {
            for (String model : List.of("lloyd_k16", "sparse_k16")) {
                PatchCodebook codebook = PatchDictionaryFiles.loadCodebook(models.resolve("patch_methods_quick/" + model));
                double mse = PatchReconstructor.mse(pictures, coder.reconstruct(pictures, codebook, Tiling.PADDED));
                assertThat(r.out()).contains(String.format(Locale.ROOT, "2 images, %s: MSE %.2f", model, mse));
            }
        }
        assertThat(r.out()).contains("padded tiling -> " + out);
        List<float[]> blank = Collections.nCopies(2, new float[784]);
        BufferedImage expected = ImageGrid.builder(28, 28).upscale(4).padding(2).row("original", blank)
                .row("lloyd_k16", blank).row("sparse_k16", blank).build().toImage();
        BufferedImage png = ImageIO.read(out.toFile());
        assertThat(png.getWidth()).isEqualTo(expected.getWidth());
        assertThat(png.getHeight()).isEqualTo(expected.getHeight());
    }

    @Test
    void aFolderOfDictionariesMeansAllOfThemByMethodThenK() {
        Path out = tmp.resolve("all.png");
        CliRun r = CliRun.of("reconstruct", "--model", models.resolve("patch_methods_quick").toString(),
                "--idx", MnistFixtures.gz(MnistFile.TEST_IMAGES).toString(), "--first", "3", "--out", out.toString());

        assertThat(r.exitCode()).as(r.err()).isZero();
        List<String> lines = r.out().lines().filter(l -> l.startsWith("3 images, ")).toList();
        List<String> order = new ArrayList<>();
        for (String m : METHODS) {
            for (int k : new int[] {4, 8, 16}) {
                order.add("3 images, " + m + "_k" + k + ":");
            }
        }
        assertThat(lines).hasSize(9);
        for (int i = 0; i < 9; i++) {
            assertThat(lines.get(i)).startsWith(order.get(i));
        }
        assertThat(r.out()).contains("overlap tiling -> ");
    }

    @Test
    void anUnknownTilingIsBadInput() {
        Path out = tmp.resolve("never.png");
        CliRun r = CliRun.of("reconstruct", "--model", models.resolve("patch_methods_quick/lloyd_k8").toString(),
                "--image", "configs/images/square.png", "--tiling", "tiles", "--out", out.toString());

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.errLines()).containsExactly("error: --tiling tiles: expected overlap or padded");
        assertThat(out).doesNotExist();
    }

    @Test
    void aMissingNovelPictureOrCodePatchOutOfRangeIsBadInputBeforeTheRunFolder() throws IOException {
        Path otherRuns = tmp.resolve("bad-runs");
        Path otherModels = tmp.resolve("bad-models");
        CliRun missing = CliRun.of(quick(otherRuns, otherModels, "--set", "report.novel_images=[nope/missing.png]"));
        CliRun range = CliRun.of(quick(otherRuns, otherModels, "--set", "report.code_patch=99999999"));
        CliRun tiling = CliRun.of(quick(otherRuns, otherModels, "--set", "patches.tiling=tiles"));

        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.errLines()).containsExactly("error: report.novel_images = nope/missing.png: not found "
                + "(looked in " + Path.of("").toAbsolutePath() + ")");
        assertThat(range.exitCode()).isEqualTo(2);
        assertThat(range.errLines()).hasSize(1);
        assertThat(range.err()).startsWith("error: report.code_patch = 99999999: expected an index below the ")
                .contains("non-blank test patches");
        assertThat(tiling.exitCode()).isEqualTo(2);
        assertThat(tiling.errLines()).containsExactly("error: --set patches.tiling=tiles: "
                + "patches.tiling = \"tiles\": expected one of overlap, padded");
        assertThat(otherRuns).doesNotExist();
        assertThat(otherModels).doesNotExist();
    }
}
