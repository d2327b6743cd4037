package dev.latentlab.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.latentlab.data.MnistFiles;
import dev.latentlab.data.MnistFixtures;
import dev.latentlab.patches.PatchExtractor;
import dev.latentlab.spark.LocalStandaloneCluster;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kmeans.engine: spark} end to end: the quick config on the fixture digits with an embedded Spark
 * ({@code local[2]}) against the nd4j engine (the native solver to the last digits, Spark ML's within 2 %), on a real
 * standalone cluster (a master and two workers, each its own JVM, the application jar shipped to the executors),
 * and bad Spark settings refused with one line.
 */
class SparkEngineCliTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String LOOPBACK = "spark.conf={spark.driver.host: 127.0.0.1, spark.driver.bindAddress: 127.0.0.1}";

    @TempDir
    Path tmp;

    private List<String> quick(String name, int trainDigits, String ks, String... more) {
        List<String> args = new ArrayList<>(List.of("--config", "configs/kmeans_quick.yaml",
                "--set", "name=" + name, "--set", "data.dir=" + MnistFixtures.dir(), "--set", "data.fetch=false",
                "--set", "data.train_limit=" + trainDigits, "--set", "data.test_limit=100",
                "--set", "kmeans.k=" + ks, "--set", "report.atlas_k=[]", "--set", "report.example_digits=4",
                "--set", "output.runs_dir=" + tmp.resolve("runs"), "--set", "output.models_dir=" + tmp.resolve("models")));
        for (String m : more) {
            args.add("--set");
            args.add(m);
        }
        return args;
    }

    private JsonNode summary(String name) throws IOException {
        try (var runs = Files.list(tmp.resolve("runs"))) {
            Path run = runs.filter(p -> p.getFileName().toString().endsWith("-" + name)).findFirst().orElseThrow();
            return JSON.readTree(run.resolve("summary.json").toFile());
        }
    }

    @Test
    @Timeout(value = 360, unit = TimeUnit.SECONDS)
    void embeddedSparkMatchesTheNd4jEngineAtEveryK() throws IOException {
        CliRun nd4j = CliRun.of(quick("nd4j", 100, "[8, 16]", "kmeans.max_iter=15"));
        CliRun spark = CliRun.of(quick("spark", 100, "[8, 16]", "kmeans.max_iter=15", "kmeans.engine=spark",
                "spark.master=local[2]"));
        CliRun mllib = CliRun.of(quick("mllib", 100, "[8, 16]", "kmeans.max_iter=15", "kmeans.engine=spark",
                "spark.master=local[2]", "spark.solver=mllib"));
        assertThat(nd4j.exitCode()).as(nd4j.err()).isZero();
        assertThat(spark.exitCode()).as(spark.err()).isZero();
        assertThat(mllib.exitCode()).as(mllib.err()).isZero();
        JsonNode a = summary("nd4j");
        JsonNode b = summary("spark");
        JsonNode c = summary("mllib");
        assertThat(b.path("engine").asText()).isEqualTo("spark");
        assertThat(b.path("patches_total").asLong()).isEqualTo(a.path("patches_total").asLong());
        assertThat(c.path("patches_total").asLong()).isEqualTo(a.path("patches_total").asLong());
        for (int i = 0; i < 2; i++) {
            JsonNode ra = a.path("results").get(i);
            JsonNode rb = b.path("results").get(i);
            // native: the nd4j engine's seeding, iterations and stopping rule; only the sums' order differs.
            assertThat(rb.path("iterations").asInt()).isEqualTo(ra.path("iterations").asInt());
            for (String key : new String[] {"train_mse", "test_mse"}) {
                assertThat(rb.path(key).asDouble()).as("native K=%d %s", rb.path("k").asInt(), key)
                        .isCloseTo(ra.path(key).asDouble(), within(1e-6 * ra.path(key).asDouble()));
            }
            double mseNd4j = ra.path("test_mse").asDouble();
            double mseMllib = c.path("results").get(i).path("test_mse").asDouble();
            assertThat(Math.abs(mseMllib - mseNd4j) / mseNd4j).as("mllib K=%d: %s vs nd4j %s",
                    c.path("results").get(i).path("k").asInt(), mseMllib, mseNd4j).isLessThanOrEqualTo(0.02);
        }
        JsonNode sidecar = JSON.readTree(tmp.resolve("models/spark/k16/dictionary.json").toFile());
        assertThat(sidecar.path("metadata").path("engine").asText()).isEqualTo("spark");
        assertThat(tmp.resolve("models/spark/k16/centroids.npy")).isNotEmptyFile();
        // native writes a metrics.csv row per Lloyd iteration, as the nd4j engine does.
        assertThat(metricsRows("spark")).isEqualTo(metricsRows("nd4j"));
    }

    private long metricsRows(String name) throws IOException {
        try (var runs = Files.list(tmp.resolve("runs"))) {
            Path run = runs.filter(p -> p.getFileName().toString().endsWith("-" + name)).findFirst().orElseThrow();
            return Files.readAllLines(run.resolve("metrics.csv")).size();
        }
    }

    @Test
    @Timeout(value = 540, unit = TimeUnit.SECONDS) // a bound for a machine under heavy load (measured: 105-290 s at load 20-30)
    void standaloneClusterOfTwoWorkersFitsTheQuickDictionary() throws Exception {
        try (LocalStandaloneCluster cluster = LocalStandaloneCluster.start(tmp.resolve("cluster"), 2, 1, "1g")) {
            CliRun run = CliRun.of(quick("cluster", 60, "[8]", "kmeans.engine=spark", "kmeans.max_iter=5",
                    "spark.master=" + cluster.masterUrl(), "spark.executor_memory=512m", "spark.partitions=2", LOOPBACK));
            assertThat(run.exitCode()).as(run.err()).isZero();
            JsonNode summary = summary("cluster");
            assertThat(summary.path("engine").asText()).isEqualTo("spark");
            assertThat(summary.path("patches_total").asLong())
                    .isEqualTo(new PatchExtractor(5, 1).count(MnistFiles.train(MnistFixtures.dir()).head(60), true));
            for (JsonNode r : summary.path("results")) {
                assertThat(r.path("test_mse").asDouble()).isPositive().isLessThan(5000);
            }
            assertThat(cluster.completedApps()).as(cluster.status()).isEqualTo(1);
            // Both workers ran an executor for the application.
            try (var dirs = Files.list(tmp.resolve("cluster"))) {
                assertThat(dirs.filter(d -> d.getFileName().toString().startsWith("worker")).filter(d -> {
                    try (var apps = Files.list(d)) {
                        return apps.findAny().isPresent();
                    } catch (IOException e) {
                        return false;
                    }
                }).count()).isEqualTo(2);
            }
        }
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void theNd4jEngineLoadsNoSparkClass() throws Exception {
        Path classLog = tmp.resolve("classes.log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-Dorg.bytedeco.javacpp.maxbytes=2G", "-Xlog:class+load=info:file=" + classLog,
                "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                "dev.latentlab.Trainer"));
        command.addAll(quick("nospark", 20, "[4]", "kmeans.max_iter=2"));
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("out.log").toFile()).start();
        assertThat(p.waitFor(150, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(Files.readString(tmp.resolve("out.log"))).isZero();
        String classes = Files.readString(classLog);
        assertThat(classes).contains("dev.latentlab.task.dictionary.Nd4jDictionaryEngine");
        assertThat(classes).doesNotContain("org.apache.spark.").doesNotContain("dev.latentlab.spark.")
                .doesNotContain("scala.");
    }

    @Test
    void unreachableMasterIsOneLineExitTwoAndNoRunFolder() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        CliRun run = CliRun.of(quick("nomaster", 20, "[8]", "kmeans.engine=spark", "spark.master=spark://127.0.0.1:" + port));
        assertRefusedInOneLine(run);
        assertThat(run.err()).contains("spark.master = spark://127.0.0.1:" + port).contains("cannot connect");
    }

    @Test
    void badExecutorMemoryIsOneLineExitTwo() {
        CliRun run = CliRun.of(quick("badmem", 20, "[8]", "kmeans.engine=spark", "spark.executor_memory=lots"));
        assertRefusedInOneLine(run);
        assertThat(run.err()).contains("spark.executor_memory").contains("lots").contains("450m");
    }

    @Test
    void sparkSettingSparkRejectsIsOneLineExitTwo() {
        CliRun run = CliRun.of(quick("badconf", 20, "[8]", "kmeans.engine=spark",
                "spark.conf={spark.serializer: no.such.Serializer}"));
        assertRefusedInOneLine(run);
        assertThat(run.err()).contains("spark");
    }

    @Test
    void sparkEngineRefusesMethodsItDoesNotRun() {
        CliRun run = CliRun.of(quick("mb", 20, "[8]", "kmeans.engine=spark", "kmeans.algorithm=minibatch"));
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("kmeans.algorithm").contains("lloyd");
    }

    @Test
    void unknownSolverIsOneLineExitTwoNamingTheKeyAndTheSolvers() {
        CliRun run = CliRun.of(quick("badsolver", 20, "[8]", "kmeans.engine=spark", "spark.solver=foo"));
        assertRefusedInOneLine(run);
        assertThat(run.err()).contains("spark.solver").contains("foo").contains("native, mllib");
        CliRun bench = CliRun.of(List.of("bench", "spark-kmeans", "--solver", "foo", "--digits", "10", "--k", "4"));
        assertRefusedInOneLine(bench);
        assertThat(bench.err()).contains("--solver foo").contains("native or mllib");
        CliRun random = CliRun.of(quick("mllibrandom", 20, "[8]", "kmeans.engine=spark", "spark.solver=mllib",
                "kmeans.init=random"));
        assertRefusedInOneLine(random);
        assertThat(random.err()).contains("kmeans.init").contains("kmeans++");
    }

    /** Exit 2, one line, no run folder. */
    private void assertRefusedInOneLine(CliRun run) {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.errLines()).hasSize(1);
        assertThat(tmp.resolve("runs")).doesNotExist();
    }

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void benchSparkKMeansTimesEitherSolverWithTheSameKeys() throws IOException {
        JsonNode[] lines = new JsonNode[2];
        String[] solvers = {"native", "mllib"};
        for (int i = 0; i < 2; i++) {
            CliRun run = CliRun.of("bench", "spark-kmeans", "--solver", solvers[i], "--digits", "30", "--k", "6",
                    "--iterations", "3", "--master", "local[2]", "--partitions", "3", "--dir",
                    MnistFixtures.dir().toString());
            assertThat(run.exitCode()).as(run.err()).isZero();
            lines[i] = JSON.readTree(run.out().lines().filter(l -> l.startsWith("{")).reduce((x, y) -> y).orElseThrow());
            assertThat(lines[i].path("solver").asText()).isEqualTo(solvers[i]);
            assertThat(lines[i].path("iteration_seconds")).hasSize(3);
            assertThat(lines[i].path("patches").asLong())
                    .isEqualTo(new PatchExtractor(5, 1).count(MnistFiles.train(MnistFixtures.dir()).head(30), true));
        }
        List<String> keys = new ArrayList<>();
        lines[0].fieldNames().forEachRemaining(keys::add);
        List<String> mllibKeys = new ArrayList<>();
        lines[1].fieldNames().forEachRemaining(mllibKeys::add);
        assertThat(keys).isEqualTo(mllibKeys).contains("seconds_per_iteration", "cut_and_persist_seconds", "nd4j",
                "peak_rss_mb");
    }
}
