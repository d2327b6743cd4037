package dev.latentlab.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.latentlab.clustering.BruteForce;
import dev.latentlab.data.ImageSet;
import dev.latentlab.data.MnistFile;
import dev.latentlab.data.MnistFiles;
import dev.latentlab.data.MnistFixtures;
import dev.latentlab.patches.PatchDictionary;
import dev.latentlab.patches.PatchExtractor;
import dev.latentlab.patches.PatchReconstructor;
import dev.latentlab.report.ImageGrid;
import dev.latentlab.report.ReportPage;
import dev.latentlab.task.dictionary.PatchDictionaryFiles;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code kmeans_patches} task end to end through {@link RootCommand#execute}: configs/kmeans_quick.yaml with
 * tiny K on the fixture digits, everything written under a temp folder; then {@code reconstruct} with the saved
 * dictionary and a re-run from the resolved config.yaml.
 */
class PatchDictionaryCliTest {
    static final int TRAIN = 40;
    static final int TEST = 20;
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;
    static Path data;
    static Path runs;
    static Path models;
    static CliRun first;
    static Path runDir;
    static JsonNode summary;

    @BeforeAll
    static void runQuickConfig() throws IOException {
        data = MnistFixtures.dir(); // read-only: fetch is off
        runs = tmp.resolve("runs");
        models = tmp.resolve("models");
        first = CliRun.of("--config", "configs/kmeans_quick.yaml",
                "--set", "data.dir=" + data, "--set", "data.fetch=false",
                "--set", "data.train_limit=" + TRAIN, "--set", "data.test_limit=" + TEST,
                "--set", "kmeans.k=[4, 8, 16]", "--set", "kmeans.max_iter=6",
                "--set", "report.atlas_k=[8]", "--set", "report.example_digits=4",
                "--set", "output.runs_dir=" + runs, "--set", "output.models_dir=" + models);
        runDir = CliRun.onlyFolderIn(runs);
        summary = runDir == null ? null : JSON.readTree(runDir.resolve("summary.json").toFile());
    }

    @Test
    void runExitsZeroAndWritesEveryFileOfTheRunFolder() throws IOException {
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(runDir).isNotNull();
        assertThat(runDir.getFileName().toString()).matches("\\d{8}-\\d{6}-kmeans_quick");
        assertThat(first.out()).contains("run folder: " + runDir);
        for (String file : List.of("config.yaml", "run.log", "metrics.csv", "summary.json", "mse_vs_k.png",
                "atlas_k8.png", "patch_examples_k8.png", "reconstruction_test.png", "reconstruction_train.png",
                "mse_vs_iteration_lloyd.png", "report.html")) {
            assertThat(runDir.resolve(file)).as(file).isNotEmptyFile();
        }
        assertThat(runDir.resolve("atlas_k4.png")).doesNotExist();
        for (String png : List.of("mse_vs_k.png", "atlas_k8.png", "reconstruction_test.png", "mse_vs_iteration_lloyd.png")) {
            assertThat(ImageIO.read(runDir.resolve(png).toFile())).as(png).isNotNull();
        }
        ReportPage page = ReportPage.of(runDir).checkRules();
        assertThat(page.figureFiles()).contains("atlas_k8.png", "mse_vs_k.png", "reconstruction_test.png",
                "mse_vs_iteration_lloyd.png");
        assertThat(page.headlineLabels()).startsWith("lowest test MSE", "test digits rebuilt").contains("run time");
        assertThat(Files.readString(runDir.resolve("run.log"))).contains("patches_total");
        String config = Files.readString(runDir.resolve("config.yaml"));
        assertThat(config).contains("task: kmeans_patches").contains("max_iter: 6").contains(data.toString());
    }

    @Test
    void summaryHasOneResultPerKWithTheFiguresAndTheBruteForcePatchCount() {
        ImageSet train = MnistFiles.train(MnistFixtures.dir()).head(TRAIN);
        ImageSet test = MnistFiles.test(MnistFixtures.dir()).head(TEST);
        assertThat(summary.get("patches_total").asLong()).isEqualTo(BruteForce.nonBlankWindows(train, 5, 1));
        assertThat(summary.get("test_patches_total").asLong()).isEqualTo(BruteForce.nonBlankWindows(test, 5, 1));
        assertThat(summary.get("train_digits").asInt()).isEqualTo(TRAIN);
        assertThat(summary.get("test_digits").asInt()).isEqualTo(TEST);
        JsonNode results = summary.get("results");
        assertThat(results).hasSize(3);
        List<Integer> ks = new ArrayList<>();
        for (JsonNode r : results) {
            ks.add(r.get("k").asInt());
            for (String key : List.of("k", "train_mse", "test_mse", "recon_mse", "recon_psnr", "seconds_per_iteration")) {
                assertThat(r.has(key)).as(key).isTrue();
            }
            assertThat(r.get("train_mse").asDouble()).isPositive();
            assertThat(r.get("fit_mse").asDouble()).as("all patches fitted").isEqualTo(r.get("train_mse").asDouble());
            assertThat(r.get("recon_psnr").asDouble())
                    .isCloseTo(10 * Math.log10(255.0 * 255.0 / r.get("recon_mse").asDouble()), within(1e-9));
            assertThat(r.get("iterations").asInt()).isBetween(1, 6);
            assertThat(r.get("seconds_per_iteration").asDouble()).isPositive();
        }
        assertThat(ks).containsExactly(4, 8, 16);
        // More centroids, smaller training error.
        assertThat(results.get(2).get("train_mse").asDouble()).isLessThan(results.get(0).get("train_mse").asDouble());
        assertThat(summary.get("elbow_k").asInt()).isIn(4, 8, 16);
    }

    @Test
    void theRunsDictionariesAreOneStampedSet() throws IOException {
        Path set = models.resolve("kmeans_quick");
        JsonNode sidecar = new ObjectMapper().readTree(set.resolve(PatchDictionaryFiles.SET_SIDECAR).toFile());
        List<String> parts = new ArrayList<>();
        sidecar.get("dictionaries").forEach(n -> parts.add(n.asText()));
        List<String> folders;
        try (Stream<Path> s = Files.list(set)) {
            folders = s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
        }
        assertThat(parts).containsExactlyInAnyOrderElementsOf(folders).isNotEmpty();
        for (String part : parts) {
            assertThat(Files.readString(set.resolve(part).resolve(dev.latentlab.store.PartStamp.FILE)).strip())
                    .isEqualTo(sidecar.get("model_id").asText());
        }
    }

    @Test
    void summaryAndEveryDictionaryRecordTheProvenanceOfTheRunsConfig() throws Exception {
        List<JsonNode> recorded = new ArrayList<>(List.of(summary.get("provenance")));
        for (String k : List.of("k4", "k8", "k16")) {
            JsonNode metadata = JSON.readTree(models.resolve("kmeans_quick").resolve(k)
                    .resolve(PatchDictionaryFiles.SIDECAR).toFile()).get("metadata");
            assertThat(metadata.has("nd4j_version") || metadata.has("latentlab_version")).as(k).isFalse();
            recorded.add(metadata.get("provenance"));
        }
        RunProvenance.assertOfTheRunsConfig(runDir, recorded.toArray(JsonNode[]::new));
    }

    @Test
    void savedDictionaryReproducesTheReportedErrors() {
        Path k8 = models.resolve("kmeans_quick/k8");
        assertThat(k8.resolve("centroids.npy")).isNotEmptyFile();
        assertThat(k8.resolve("dictionary.json")).isNotEmptyFile();
        assertThat(models.resolve("kmeans_quick/k4/centroids.npy")).isNotEmptyFile();
        PatchDictionary dictionary = PatchDictionaryFiles.load(k8);
        assertThat(dictionary.k()).isEqualTo(8);
        assertThat(dictionary.patchSize()).isEqualTo(5);
        assertThat(dictionary.stride()).isEqualTo(1);
        long countSum = 0;
        for (long c : dictionary.counts()) {
            countSum += c;
        }
        assertThat(countSum).isEqualTo(summary.get("patches_total").asLong());

        JsonNode r8 = summary.get("results").get(1);
        ImageSet train = MnistFiles.train(MnistFixtures.dir()).head(TRAIN);
        ImageSet test = MnistFiles.test(MnistFixtures.dir()).head(TEST);
        double[] trainErr = nearestErrors(BruteForce.windows(train, 5, 1, true), dictionary.centroids(), null);
        assertThat(trainErr[0] / (trainErr[1] * 25)).isCloseTo(r8.get("train_mse").asDouble(),
                within(1e-6 * r8.get("train_mse").asDouble()));
        List<float[]> testWindows = BruteForce.windows(test, 5, 1, true);
        int[] labels = new int[testWindows.size()];
        double[] testErr = nearestErrors(testWindows, dictionary.centroids(), labels);
        assertThat(testErr[0] / (testErr[1] * 25)).isCloseTo(r8.get("test_mse").asDouble(),
                within(1e-6 * r8.get("test_mse").asDouble()));
        float[] recon = PatchReconstructor.reconstruct(test, new PatchExtractor(5, 1), dictionary.centroids(), labels);
        assertThat(PatchReconstructor.mse(test, recon)).isCloseTo(r8.get("recon_mse").asDouble(),
                within(1e-6 * r8.get("recon_mse").asDouble()));
    }

    @Test
    void aSampledFitReportsItsTrainErrorOverEveryPatch() throws IOException {
        Path sampledRuns = tmp.resolve("sampled-runs");
        Path sampledModels = tmp.resolve("sampled-models");
        int sample = 500;
        CliRun r = CliRun.of("--config", "configs/kmeans_quick.yaml",
                "--set", "data.dir=" + data, "--set", "data.fetch=false",
                "--set", "data.train_limit=" + TRAIN, "--set", "data.test_limit=" + TEST,
                "--set", "kmeans.k=[8]", "--set", "kmeans.max_iter=6", "--set", "kmeans.fit_sample=" + sample,
                "--set", "report.atlas_k=[8]", "--set", "report.example_digits=4",
                "--set", "output.runs_dir=" + sampledRuns, "--set", "output.models_dir=" + sampledModels);
        assertThat(r.exitCode()).as(r.err()).isZero();
        Path dir = CliRun.onlyFolderIn(sampledRuns);
        JsonNode s = JSON.readTree(dir.resolve("summary.json").toFile());
        assertThat(s.get("patches_fit").asLong()).isEqualTo(sample);
        assertThat(s.get("patches_total").asLong()).isGreaterThan(10L * sample);

        JsonNode r8 = s.get("results").get(0);
        PatchDictionary dictionary = PatchDictionaryFiles.load(sampledModels.resolve("kmeans_quick/k8"));
        ImageSet train = MnistFiles.train(MnistFixtures.dir()).head(TRAIN);
        double[] all = nearestErrors(BruteForce.windows(train, 5, 1, true), dictionary.centroids(), null);
        double allMse = all[0] / (all[1] * 25);
        assertThat(r8.get("train_mse").asDouble()).isCloseTo(allMse, within(1e-6 * allMse));
        // the fit's own figure is over its 500 patches: a different number, in the same range
        double fitMse = r8.get("fit_mse").asDouble();
        assertThat(fitMse).isNotCloseTo(allMse, within(1e-6 * allMse)).isBetween(0.5 * allMse, 2 * allMse);
        List<String> rows = Files.readAllLines(dir.resolve("comparison.csv"));
        assertThat(rows.get(0)).startsWith("method,k,train_mse,fit_mse,test_mse,");
        assertThat(Double.parseDouble(rows.get(1).split(",")[2])).isCloseTo(allMse, within(1e-6 * allMse));
    }

    /** {total squared error, count} of the windows against their nearest centroid; fills labels if given. */
    private static double[] nearestErrors(List<float[]> windows, float[] centroids, int[] labels) {
        int k = centroids.length / 25;
        double total = 0;
        for (int i = 0; i < windows.size(); i++) {
            float[] w = windows.get(i);
            double best = Double.POSITIVE_INFINITY;
            for (int c = 0; c < k; c++) {
                double s = 0;
                for (int d = 0; d < 25; d++) {
                    double diff = (double) w[d] - centroids[c * 25 + d];
                    s += diff * diff;
                }
                if (s < best) {
                    best = s;
                    if (labels != null) {
                        labels[i] = c;
                    }
                }
            }
            total += best;
        }
        return new double[] {total, windows.size()};
    }

    @Test
    void metricsCsvHasOneRowPerIterationOfEachK() throws IOException {
        List<String> lines = Files.readAllLines(runDir.resolve("metrics.csv"));
        assertThat(lines.get(0)).isEqualTo("method,k,iteration,mse,shift,empty_clusters,seconds");
        for (JsonNode r : summary.get("results")) {
            String k = r.get("k").asText();
            long rows = lines.stream().skip(1).filter(l -> l.startsWith("lloyd," + k + ",")).count();
            assertThat(rows).as("rows of K=%s", k).isEqualTo(r.get("iterations").asLong());
        }
    }

    @Test
    void theResolvedConfigRunsAgainToTheSameResult() throws IOException {
        CliRun again = CliRun.of("--config", runDir.resolve("config.yaml").toString());
        assertThat(again.exitCode()).as(again.err()).isZero();

        List<Path> dirs;
        try (Stream<Path> s = Files.list(runs)) {
            dirs = new ArrayList<>(s.filter(p -> !p.equals(runDir)).toList());
        }
        assertThat(dirs).hasSize(1);
        JsonNode second = JSON.readTree(dirs.get(0).resolve("summary.json").toFile());
        assertThat(second.get("patches_total")).isEqualTo(summary.get("patches_total"));
        for (int i = 0; i < 3; i++) {
            double a = summary.get("results").get(i).get("train_mse").asDouble();
            double b = second.get("results").get(i).get("train_mse").asDouble();
            assertThat(b).as("K=%d", summary.get("results").get(i).get("k").asInt()).isCloseTo(a, within(1e-12 * a));
            assertThat(second.get("results").get(i).get("test_mse").asDouble())
                    .isCloseTo(summary.get("results").get(i).get("test_mse").asDouble(), within(1e-12 * a));
        }
        assertThat(Files.readString(dirs.get(0).resolve("config.yaml")))
                .isEqualTo(Files.readString(runDir.resolve("config.yaml")));
    }

    @Test
    void reconstructDigitsFromAnIdxFile() throws IOException {
        Path out = tmp.resolve("x.png");
        CliRun r = CliRun.of("reconstruct", "--model", models.resolve("kmeans_quick/k8").toString(),
                "--idx", MnistFixtures.gz(MnistFile.TEST_IMAGES).toString(), "--first", "4", "--out", out.toString());

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("4 images, K=8").contains("PSNR");
        BufferedImage png = ImageIO.read(out.toFile());
        BufferedImage expected = grid(4);
        assertThat(png.getWidth()).isEqualTo(expected.getWidth()).isGreaterThanOrEqualTo(4 * 28 * 4 + 5 * 2);
        assertThat(png.getHeight()).isEqualTo(expected.getHeight()).isGreaterThanOrEqualTo(2 * 28 * 4 + 3 * 2);
    }

    @Test
    void reconstructADrawnPicture() throws IOException {
        BufferedImage drawing = new BufferedImage(40, 40, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = drawing.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 40, 40);
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(4));
        g.drawLine(20, 6, 20, 34);
        g.drawLine(12, 12, 20, 6);
        g.dispose();
        Path picture = tmp.resolve("one.png");
        ImageIO.write(drawing, "png", picture.toFile());
        Path out = tmp.resolve("drawn.png");

        CliRun r = CliRun.of("reconstruct", "--model", models.resolve("kmeans_quick/k16").toString(),
                "--image", picture.toString(), "--out", out.toString());

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("1 images, K=16");
        BufferedImage png = ImageIO.read(out.toFile());
        assertThat(png.getWidth()).isEqualTo(grid(1).getWidth());
        assertThat(png.getHeight()).isEqualTo(grid(1).getHeight());
    }

    @Test
    void reconstructWithAMissingModelIsBadInput() {
        Path missing = tmp.resolve("models/nothing/k8");
        Path out = tmp.resolve("never.png");
        CliRun r = CliRun.of("reconstruct", "--model", missing.toString(),
                "--idx", MnistFixtures.gz(MnistFile.TEST_IMAGES).toString(), "--out", out.toString());

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.err()).startsWith("error: ").contains(missing.toString());
        assertThat(out).doesNotExist();
    }

    /** The grid reconstruct draws: originals over reconstructions, n columns of 28x28 at 4x, padding 2. */
    private static BufferedImage grid(int n) {
        List<float[]> blank = Collections.nCopies(n, new float[784]);
        return ImageGrid.builder(28, 28).upscale(4).padding(2).row("original", blank).row("K=8", blank).build().toImage();
    }
}
