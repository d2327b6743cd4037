package dev.latentlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.List;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code java -jar target/trainer.jar} from an empty folder, as a user starts it: the jar's manifest class path (not
 * the test JVM's) decides which Vert.x and Netty serve the training UI.
 */
class TrainerJarTest {
    @TempDir
    Path tmp;

    @Test
    void theTrainingUiAnswersPlainHttp11RequestsFromTheJarWhileAModelTrains() throws Exception {
        assertThat(ChildTrainer.JAR).as("built before the tests (pom.xml: process-test-classes)").exists();
        Path work = Files.createDirectories(tmp.resolve("empty"));
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        // Many epochs of a tiny model on the shipped MNIST slice: the pages are asked for while it trains.
        List<String> args = List.of("--config", "vae_148_quick", "--set", "data.dir=" + MnistFixtures.dir(),
                "--set", "data.fetch=false", "--set", "data.train_limit=null", "--set", "model.channels=[4, 8]",
                "--set", "model.strides=[2, 2]", "--set", "model.dense=16", "--set", "train.epochs=200",
                "--set", "train.early_stopping_patience=1000", "--set", "gmm.embedding=none", "--set", "gmm.n_init=1",
                "--set", "evaluate.mnist_test=false", "--ui", "--ui-port", Integer.toString(port));
        // HTTP/1.1 without an h2c upgrade, as curl and browsers ask: Vert.x 3.9.0 on Netty 4.1.96 answered none.
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build();
        try (ChildTrainer jar = ChildTrainer.startJar(work, args)) {
            assertThat(jar.awaitLine("training UI: http://127.0.0.1:" + port, 120)).as(jar.output()).isTrue();
            HttpResponse<String> overview = get(http, port, "/train/overview", jar);
            assertThat(overview.statusCode()).as(jar.output()).isEqualTo(200);
            assertThat(overview.body()).containsIgnoringCase("<html");
            HttpResponse<String> graph = get(http, port, "/samediff", jar);
            assertThat(graph.statusCode()).isEqualTo(200);
            assertThat(graph.body()).contains("SameDiff");
            assertThat(jar.output()).as("still training when both pages answered").doesNotContain("run folder:");
            assertThat(jar.output()).doesNotContain("Unhandled exception").doesNotContain("SEVERE");
        }
    }

    @Test
    void versionNamesTheCommitOfTheJarsManifest() throws Exception {
        String commit;
        try (JarFile jar = new JarFile(ChildTrainer.JAR.toFile())) {
            commit = jar.getManifest().getMainAttributes().getValue("Git-Commit");
        }
        assertThat(commit).as("pom.xml: the jar's manifest entries").isNotNull();
        String shown = commit.matches("[0-9a-f]{40}") ? commit : "unknown";   // empty when built without .git
        try (ChildTrainer jar = ChildTrainer.startJar(Files.createDirectories(tmp.resolve("version")),
                List.of("--version"))) {
            assertThat(jar.waitFor(60)).as(jar.output()).isZero();
            assertThat(jar.output()).contains("(commit " + shown + ")", "ND4J ", " backend), Java ");
        }
    }

    @Test
    void shippedConfigsAndTheInputsTheyNameRunFromAnEmptyFolder() throws Exception {
        Path work = Files.createDirectories(tmp.resolve("elsewhere"));
        for (List<String> args : List.of(List.of("--config", "quantize_quick"),
                List.of("sweep", "--config", "sweep_gmm_k_quick", "--set", "search.grid_points=2"))) {
            try (ChildTrainer jar = ChildTrainer.startJar(work, args)) {
                assertThat(jar.waitFor(180)).as(args + "\n" + jar.output()).isZero();
            }
        }
        try (var runs = Files.list(work.resolve("runs"))) {
            assertThat(runs.map(r -> r.getFileName().toString().replaceFirst("^[0-9-]+-", "")))
                    .contains("quantize_quick", "sweep_gmm_k_quick");
        }
        assertThat(work.resolve("configs")).as("nothing copied into the working folder").doesNotExist();
    }

    @Test
    void aMissingInputNamesItsKeyAndTheFolderItWasLookedFor() throws Exception {
        Path work = Files.createDirectories(tmp.resolve("missing"));
        try (ChildTrainer jar = ChildTrainer.startJar(work, List.of("--config", "quantize_quick", "--set",
                "images=[configs/images/not_shipped.png]"))) {
            assertThat(jar.waitFor(60)).isEqualTo(2);
            assertThat(jar.output()).contains("error: images = configs/images/not_shipped.png: not found (looked in "
                    + work.toRealPath() + ")");
        }
        assertThat(work.resolve("runs")).doesNotExist();
    }

    /** The page once the server answers (it starts listening a moment after the line is printed). */
    private static HttpResponse<String> get(HttpClient http, int port, String path, ChildTrainer jar)
            throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).build();
        IOException last = null;
        for (int i = 0; i < 50; i++) {
            try {
                return http.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                last = e;
                Thread.sleep(200);
            }
        }
        throw new AssertionError(path + " never answered: " + last + "\n" + jar.output());
    }
}
