package dev.latentlab.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.latentlab.data.ImageFolderWriter;
import dev.latentlab.data.ImageSet;
import dev.latentlab.data.MnistFiles;
import dev.latentlab.data.MnistFixtures;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pictures in class folders through the CLI: a tiny VAE trained from a folder ({@code data.source: folder}, held-out
 * {@code data.test_dir}), {@code evaluate --images} on PNGs equal to {@code evaluate --npz} of the same digits, the
 * bad-input cases (exit 2, one line, nothing written), and the training UI answering over HTTP while a model trains.
 */
class ImageFolderCliTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;
    static Path train;
    static Path test;
    static Path runs;
    static Path models;
    static CliRun first;

    static List<String> args(String name, String... extra) {
        List<String> a = new ArrayList<>(List.of("--config", "configs/vae_148_quick.yaml", "--set", "name=" + name,
                "--set", "data.source=folder", "--set", "data.dir=" + train, "--set", "data.test_dir=" + test,
                "--set", "data.fetch=false", "--set", "data.train_limit=null", "--set", "data.digits=[]",
                "--set", "model.channels=[4, 8]", "--set", "model.strides=[2, 2]", "--set", "model.dense=16",
                "--set", "train.epochs=1", "--set", "train.batch_size=32", "--set", "gmm.components=[3]",
                "--set", "gmm.n_init=1", "--set", "gmm.embedding=none", "--set", "report.grid_images=4",
                "--set", "report.samples_per_component=2",
                "--set", "output.runs_dir=" + runs, "--set", "output.models_dir=" + models));
        a.addAll(List.of(extra));
        return a;
    }

    @BeforeAll
    static void trainFromFolders() throws IOException {
        train = tmp.resolve("train");
        test = tmp.resolve("test");
        runs = tmp.resolve("runs");
        models = tmp.resolve("models");
        ImageFolderWriter.write(MnistFiles.train(MnistFixtures.dir()).withLabels(List.of(1, 4, 8)), train, "png", 0, false);
        ImageFolderWriter.write(heldOut(), test, "png", 0, false);
        first = CliRun.of(args("folder"));
    }

    static ImageSet heldOut() {
        return MnistFiles.test(MnistFixtures.dir()).withLabels(List.of(1, 4, 8));
    }

    @Test
    void aTinyTrainingFromAFolderRunsAndEvaluatesTheTestFolder() throws IOException {
        assertThat(first.exitCode()).as(first.err()).isZero();
        Path run = CliRun.onlyFolderIn(runs);
        JsonNode summary = JSON.readTree(run.resolve("summary.json").toFile());
        JsonNode eval = summary.get("evaluations").get(0);
        assertThat(eval.get("name").asText()).isEqualTo("test");
        assertThat(eval.get("count").asInt()).isEqualTo(heldOut().count());
        JsonNode meta = JSON.readTree(models.resolve("folder/model.json").toFile()).get("metadata");
        assertThat(meta.get("labels").toString()).isEqualTo("[1,4,8]");
        assertThat(Files.readString(run.resolve("report.html"))).doesNotContain("http-equiv=\"refresh\"");
    }

    @Test
    void evaluateOnPngsGivesTheNpzAccuracy() throws IOException {
        assertThat(first.exitCode()).as(first.err()).isZero();
        Path npz = tmp.resolve("held_out.npz");
        CliRun export = CliRun.of("data", "npz", "--split", "test", "--digits", "1,4,8", "--dir",
                MnistFixtures.dir().toString(), "--out", npz.toString());
        assertThat(export.exitCode()).as(export.err()).isZero();
        CliRun viaNpz = CliRun.of("evaluate", "--model", models.resolve("folder").toString(), "--npz", npz.toString(),
                "--out", tmp.resolve("npz.json").toString());
        CliRun viaPngs = CliRun.of("evaluate", "--model", models.resolve("folder").toString(), "--images", test.toString(),
                "--out", tmp.resolve("png.json").toString());
        assertThat(viaNpz.exitCode()).as(viaNpz.err()).isZero();
        assertThat(viaPngs.exitCode()).as(viaPngs.err()).isZero();
        JsonNode a = JSON.readTree(tmp.resolve("npz.json").toFile());
        JsonNode b = JSON.readTree(tmp.resolve("png.json").toFile());
        assertThat(b.get("count").asInt()).isEqualTo(a.get("count").asInt());
        assertThat(b.get("accuracy").asDouble()).isEqualTo(a.get("accuracy").asDouble());
        assertThat(b.get("confusion_matrix")).isEqualTo(a.get("confusion_matrix"));
    }

    @Test
    void classesTheModelDoesNotKnowAreTreatedAlikeInNpzAndFolders() throws IOException {
        assertThat(first.exitCode()).as(first.err()).isZero();
        String model = models.resolve("folder").toString();
        Path npz = tmp.resolve("digits_1_7.npz");
        assertThat(CliRun.of("data", "npz", "--split", "test", "--digits", "1,7", "--dir", MnistFixtures.dir().toString(),
                "--out", npz.toString()).exitCode()).isZero();
        Path folders = tmp.resolve("folders_1_7");
        ImageFolderWriter.write(MnistFiles.test(MnistFixtures.dir()).withLabels(List.of(1, 7)), folders, "png", 0, false);
        int ones = MnistFiles.test(MnistFixtures.dir()).withLabels(List.of(1)).count();
        for (List<String> input : List.of(List.of("--npz", npz.toString()), List.of("--images", folders.toString()))) {
            Path out = tmp.resolve("known-" + input.get(0).substring(2) + ".json");
            List<String> refused = new ArrayList<>(List.of("evaluate", "--model", model, "--out", out.toString()));
            refused.addAll(input);
            CliRun r = CliRun.of(refused.toArray(String[]::new));
            assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
            assertThat(r.err().strip().lines()).hasSize(1);
            assertThat(r.err()).contains("[7]").contains("not classes of the model").contains("--known-only");
            assertThat(out).doesNotExist();

            refused.add("--known-only");
            CliRun known = CliRun.of(refused.toArray(String[]::new));
            assertThat(known.exitCode()).as(known.err()).isZero();
            assertThat(known.err()).contains("--known-only: left out").contains("[7]");
            assertThat(JSON.readTree(out.toFile()).get("count").asInt()).isEqualTo(ones);
        }
        Path sevens = tmp.resolve("folders_7");
        ImageFolderWriter.write(MnistFiles.test(MnistFixtures.dir()).withLabels(List.of(7)), sevens, "png", 0, false);
        CliRun none = CliRun.of("evaluate", "--model", model, "--images", sevens.toString(), "--known-only");
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.errLines()).hasSize(1);
        assertThat(none.err()).contains("no class folder is a class of the model");
    }

    @Test
    void aColourPictureForAGreyModelIsConvertedWithANote() throws IOException {
        assertThat(first.exitCode()).as(first.err()).isZero();
        java.awt.image.BufferedImage rgb = new java.awt.image.BufferedImage(28, 28,
                java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = rgb.createGraphics();
        g.setColor(java.awt.Color.ORANGE);
        g.fillRect(10, 4, 8, 20);
        g.dispose();
        Path picture = tmp.resolve("colour/orange_one.png");
        Files.createDirectories(picture.getParent());
        javax.imageio.ImageIO.write(rgb, "png", picture.toFile());
        CliRun predict = CliRun.of("predict", "--model", models.resolve("folder").toString(), "--images",
                picture.toString(), "--out", tmp.resolve("colour.csv").toString());
        assertThat(predict.exitCode()).as(predict.err()).isZero();
        assertThat(predict.err()).contains("are stored in colour (" + picture + " among them): converted to grey");
        CliRun grey = CliRun.of("predict", "--model", models.resolve("folder").toString(), "--images",
                test.resolve("1").toString(), "--out", tmp.resolve("grey.csv").toString());
        assertThat(grey.err()).doesNotContain("stored in colour");
    }

    @Test
    void predictOnPicturesNamesEachFileAndAgreesWithEvaluate() throws IOException {
        assertThat(first.exitCode()).as(first.err()).isZero();
        Path csv = tmp.resolve("pictures.csv");
        CliRun predict = CliRun.of("predict", "--model", models.resolve("folder").toString(), "--images",
                test.resolve("1").toString(), test.resolve("4").toString(), test.resolve("8").toString(),
                "--out", csv.toString());
        assertThat(predict.exitCode()).as(predict.err()).isZero();
        CliRun evaluate = CliRun.of("evaluate", "--model", models.resolve("folder").toString(), "--images",
                test.toString(), "--out", tmp.resolve("predict-eval.json").toString());
        assertThat(evaluate.exitCode()).as(evaluate.err()).isZero();
        List<String> rows = Files.readAllLines(csv);
        assertThat(rows.get(0)).startsWith("index,path,label,component,probability,novelty,unknown,p_1,p_4");   // the classes a component claims
        assertThat(rows).hasSize(heldOut().count() + 1);
        dev.latentlab.mixture.ClusterLabelMapping mapping = dev.latentlab.latent.LatentClassifierFiles
                .load(models.resolve("folder")).classifier().mapping();
        int right = 0;
        for (String row : rows.subList(1, rows.size())) {
            String[] cells = row.split(",");
            Path file = Path.of(cells[1]);
            assertThat(file).isRegularFile();
            boolean flagged = Boolean.parseBoolean(cells[6]);
            assertThat(cells[2].equals("unknown")).isEqualTo(flagged);
            // evaluate scores the nearest class: for a flagged row, the class of its component
            String nearest = flagged ? String.valueOf(mapping.labelOf(Integer.parseInt(cells[3]))) : cells[2];
            if (file.getParent().getFileName().toString().equals(nearest)) {   // the class folder is the truth
                right++;
            }
        }
        double accuracy = JSON.readTree(tmp.resolve("predict-eval.json").toFile()).get("accuracy").asDouble();
        assertThat((double) right / heldOut().count()).isCloseTo(accuracy, within(1e-9));
        assertThat(CliRun.of("predict", "--model", models.resolve("folder").toString(), "--images",
                test.toString() + "/nothing.png").exitCode()).isEqualTo(2);

        // the folder of class folders that evaluate takes: walked class by class, the class in its own column
        Path walked = tmp.resolve("walked.csv");
        CliRun classFolders = CliRun.of("predict", "--model", models.resolve("folder").toString(), "--images",
                test.toString(), "--out", walked.toString());
        assertThat(classFolders.exitCode()).as(classFolders.err()).isZero();
        List<String> walkedRows = Files.readAllLines(walked);
        assertThat(walkedRows.get(0)).startsWith("index,path,folder_class,label,");
        assertThat(walkedRows).hasSize(rows.size());
        for (String row : walkedRows.subList(1, walkedRows.size())) {
            String[] cells = row.split(",");
            assertThat(cells[2]).isEqualTo(Path.of(cells[1]).getParent().getFileName().toString());
        }
    }

    @Test
    void badFoldersAreRefusedWithOneLineBeforeAnything() throws IOException {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        Path badRuns = tmp.resolve("bad_runs");
        CliRun r = CliRun.of(args("bad", "--set", "data.dir=" + empty, "--set", "output.runs_dir=" + badRuns));
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).contains("data.dir").contains(empty.toString()).contains("no class folders");
        assertThat(badRuns).doesNotExist();

        assertThat(first.exitCode()).as(first.err()).isZero();
        Path other = tmp.resolve("other");
        ImageFolderWriter.write(MnistFiles.test(MnistFixtures.dir()).withLabels(List.of(1, 7)), other, "png", 0, false);
        CliRun mismatch = CliRun.of("evaluate", "--model", models.resolve("folder").toString(), "--images", other.toString(),
                "--out", tmp.resolve("x.json").toString());
        assertThat(mismatch.exitCode()).isEqualTo(2);
        assertThat(mismatch.err().strip().lines()).hasSize(1);
        assertThat(mismatch.err()).contains("[7]").contains("not classes of the model");
        assertThat(tmp.resolve("x.json")).doesNotExist();

        CliRun badInvert = CliRun.of("evaluate", "--model", models.resolve("folder").toString(), "--images",
                test.toString(), "--invert", "maybe");
        assertThat(badInvert.exitCode()).isEqualTo(2);
        assertThat(badInvert.err()).contains("'--invert'").contains("'maybe'");

        CliRun badInput = CliRun.of(args("badinput", "--set", "model.input=[1, 30, 30]"));
        assertThat(badInput.exitCode()).isEqualTo(2);
        assertThat(badInput.err()).contains("model.input").contains("divisible by 4");
    }

    @Test
    void thePatchDictionaryTakesFoldersToo() throws IOException {
        Path kTrain = tmp.resolve("k_train");
        Path kTest = tmp.resolve("k_test");
        ImageSet trainSet = MnistFiles.train(MnistFixtures.dir()).head(40);
        ImageFolderWriter.write(trainSet, kTrain, "png", 0, false);
        ImageFolderWriter.write(MnistFiles.test(MnistFixtures.dir()).head(20), kTest, "png", 0, false);
        Path kRuns = tmp.resolve("k_runs");
        CliRun r = CliRun.of("--config", "configs/kmeans_quick.yaml", "--set", "data.source=folder",
                "--set", "data.dir=" + kTrain, "--set", "data.test_dir=" + kTest, "--set", "data.train_limit=null",
                "--set", "data.test_limit=null", "--set", "kmeans.k=[4]", "--set", "kmeans.max_iter=3",
                "--set", "report.atlas_k=[4]", "--set", "report.example_digits=4",
                "--set", "output.runs_dir=" + kRuns, "--set", "output.models_dir=" + tmp.resolve("k_models"));
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode summary = JSON.readTree(CliRun.onlyFolderIn(kRuns).resolve("summary.json").toFile());
        assertThat(summary.get("patches_total").asLong())
                .isEqualTo(new dev.latentlab.patches.PatchExtractor(5, 1).count(trainSet, true));
    }

    @Test
    void theTrainingUiAnswersOverHttpWhileAModelTrains() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path uiRuns = tmp.resolve("ui_runs");
        CompletableFuture<CliRun> run = CompletableFuture.supplyAsync(() -> CliRun.of(args("ui",
                "--set", "output.runs_dir=" + uiRuns, "--set", "train.epochs=2", "--ui", "--ui-port", Integer.toString(port))));
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        URI page = URI.create("http://127.0.0.1:" + port + "/train/overview");
        HttpResponse<String> answer = null;
        while (!run.isDone() && answer == null) {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(page).timeout(Duration.ofSeconds(10)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    answer = r;
                }
            } catch (IOException e) {
                Thread.sleep(200);   // not listening yet
            }
        }
        boolean duringTraining = !run.isDone();
        HttpResponse<String> graphPage = !duringTraining ? null : http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/samediff")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        CliRun done = run.get();
        assertThat(done.exitCode()).as(done.err()).isZero();
        assertThat(answer).as("the UI page answered").isNotNull();
        assertThat(duringTraining).isTrue();
        assertThat(answer.body()).containsIgnoringCase("<html");
        assertThat(done.out()).contains("training UI: http://127.0.0.1:" + port + "/train/overview");
        // The graph view: SameDiff's UIListener logged the VAE's graph and its losses into the run folder, for the
        // UI's SameDiff page (served too, until the run ended).
        assertThat(graphPage).as("the SameDiff page answered").isNotNull();
        assertThat(graphPage.statusCode()).isEqualTo(200);
        assertThat(graphPage.body()).contains("SameDiff");
        Path graphLog = CliRun.onlyFolderIn(uiRuns).resolve(dev.latentlab.ui.TrainingUi.GRAPH_LOG);
        assertThat(done.out()).contains("graph: http://127.0.0.1:" + port + "/samediff (open " + graphLog + ")");
        org.nd4j.graph.ui.LogFileWriter log = new org.nd4j.graph.ui.LogFileWriter(graphLog.toFile());
        java.util.List<String> variables = new java.util.ArrayList<>();
        for (var record : log.readStatic().getData()) {
            if (record.getFirst().infoType() == org.nd4j.graph.UIInfoType.GRAPH_STRUCTURE) {
                var graph = (org.nd4j.graph.UIGraphStructure) record.getSecond();
                for (int i = 0; i < graph.variablesLength(); i++) {
                    variables.add(graph.variables(i).name());
                }
            }
        }
        assertThat(variables).contains(dev.latentlab.vae.ConvVaeGraph.INPUT, dev.latentlab.vae.ConvVaeGraph.LOSS);
        assertThat(log.readEvents()).as("loss events of the training steps").isNotEmpty();
    }
}
