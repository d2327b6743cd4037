package dev.latentlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.latentlab.spark.LocalStandaloneCluster;
import dev.latentlab.task.sweep.ChildJvm;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code search.executor: spark} end to end on a real standalone cluster (a master and two one-core workers, each its
 * own JVM; every candidate a single-task Spark job whose executor runs it in a JVM of its own): the same objective
 * values and best.yaml as the local sequential sweep; a worker killed (with its executor and candidate, by SIGKILL)
 * mid-candidate, after which the sweep finishes with that candidate retried or recorded failed, no half-written
 * folder and no duplicate; an unreachable master refused in one line. The cluster is shared; the kill comes last.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 540, unit = TimeUnit.SECONDS) // the cluster's start-up on a loaded machine (see SparkEngineCliTest)
class SparkSweepCliTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String LOOPBACK = "spark.conf={spark.driver.host: 127.0.0.1, spark.driver.bindAddress: 127.0.0.1}";

    @TempDir
    static Path tmp;
    static LocalStandaloneCluster cluster;
    /** The local sequential sweep's folder and its objective per candidate. */
    static Path local;
    static Map<Integer, Double> localObjectives;

    /** A sweep of four quick latent_gmm candidates (GMM components 2-5 on the shipped latents sample). */
    static List<String> sweep(String runs, String... more) {
        List<String> args = new ArrayList<>(List.of("sweep", "--config", "configs/sweep_gmm_k_quick.yaml",
                "--set", "parameters={\"gmm.components\": {values: [2, 3, 4, 5]}}", "--set", "overrides.gmm.n_init=1",
                "--set", "output.runs_dir=" + tmp.resolve(runs)));
        for (String m : more) {
            args.add("--set");
            args.add(m);
        }
        return args;
    }

    static List<String> onCluster(String runs) {
        return sweep(runs, "search.executor=spark", "search.parallel=2", "spark.master=" + cluster.masterUrl(),
                "spark.executor_memory=512m", LOOPBACK);
    }

    @BeforeAll
    static void localSweepAndCluster() throws Exception {
        CliRun run = CliRun.of(sweep("local"));
        assertThat(run.exitCode()).as(run.err()).isZero();
        local = CliRun.onlyFolderIn(tmp.resolve("local"));
        localObjectives = objectives(local);
        assertThat(localObjectives).hasSize(4);
        cluster = LocalStandaloneCluster.start(tmp.resolve("cluster"), 2, 1, "1g");
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void clusterSweepEqualsTheLocalSequentialSweep() throws Exception {
        CliRun run = CliRun.of(onCluster("cluster-runs"));
        assertThat(run.exitCode()).as(run.err()).isZero();
        Path dir = CliRun.onlyFolderIn(tmp.resolve("cluster-runs"));
        assertThat(objectives(dir)).isEqualTo(localObjectives);
        assertThat(body(dir.resolve("best.yaml"))).isEqualTo(body(local.resolve("best.yaml")));
        assertOneCompleteFolderPerRecord(dir);
        assertThat(Files.readString(dir.resolve("run.log"))).contains("4 candidates, 2 at once as single-task Spark jobs on "
                + cluster.masterUrl() + " (spark.task.cpus 1, up to 2 attempts)");
        assertThat(cluster.completedApps()).as(cluster.status()).isEqualTo(1);
    }

    @Test
    @Order(2)
    void unreachableMasterIsOneLineExitTwoAndNoSweepFolder() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        CliRun run = CliRun.of(sweep("nomaster", "search.executor=spark", "spark.master=spark://127.0.0.1:" + port));
        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.errLines()).hasSize(1);
        assertThat(run.err()).contains("spark.master = spark://127.0.0.1:" + port).contains("cannot connect");
        assertThat(tmp.resolve("nomaster")).doesNotExist();
    }

    @Test
    @Order(3)
    void workerKilledMidCandidateLeavesTheCandidateRetriedOrFailedAndNoHalfWrittenFolder() throws Exception {
        CompletableFuture<CliRun> sweep = CompletableFuture.supplyAsync(() -> CliRun.of(onCluster("kill-runs")));
        Path runs = tmp.resolve("kill-runs");
        int killed = -1;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
        while (killed < 0 && !sweep.isDone() && System.nanoTime() < deadline) {
            if (!unfinishedCandidates(runs).isEmpty()) {   // a candidate has its run folder and no summary yet
                killed = cluster.killWorkerRunning("-D" + ChildJvm.EXIT_WITH_PARENT);
            }
            Thread.sleep(100);
        }
        assertThat(killed).as("a worker was killed while it ran a candidate").isNotNegative();
        CliRun run = sweep.get(400, TimeUnit.SECONDS);
        assertThat(run.exitCode()).as(run.err()).isZero();
        Path dir = CliRun.onlyFolderIn(runs);
        JsonNode summary = JSON.readTree(dir.resolve("summary.json").toFile());
        assertThat(summary.get("candidates")).hasSize(4);
        List<String> lost = new ArrayList<>();
        for (JsonNode c : summary.get("candidates")) {
            if (c.get("status").asText().equals("complete")) {
                assertThat(c.get("objective").asDouble()).isEqualTo(localObjectives.get(c.get("index").asInt()));
            } else {
                lost.add(c.get("error").asText());
                assertThat(c.get("error").asText()).contains("lost on the cluster");
            }
        }
        String log = Files.readString(dir.resolve("run.log"));
        assertThat(log).as("the kill hit a running candidate").containsPattern("candidate \\d+ attempt 1 lost on executor");
        if (lost.isEmpty()) {
            assertThat(log).as("the lost candidate ran again").containsPattern("candidate \\d+ attempt 2 on executor");
        }
        assertOneCompleteFolderPerRecord(dir);
    }

    /** Every recorded run folder is whole (summary.json) and the only folder of its candidate; no other folder. */
    private static void assertOneCompleteFolderPerRecord(Path dir) throws IOException {
        JsonNode summary = JSON.readTree(dir.resolve("summary.json").toFile());
        Set<Path> recorded = new HashSet<>();
        for (JsonNode c : summary.get("candidates")) {
            JsonNode runDir = c.get("run_dir");
            if (runDir != null && !runDir.isNull()) {
                Path p = Path.of(runDir.asText()).toAbsolutePath().normalize();
                assertThat(p.resolve("summary.json")).isNotEmptyFile();
                recorded.add(p);
            }
        }
        try (Stream<Path> folders = Files.list(dir.resolve("candidates"))) {
            assertThat(folders.filter(Files::isDirectory).map(p -> p.toAbsolutePath().normalize()))
                    .containsExactlyInAnyOrderElementsOf(recorded);
        }
    }

    private static List<Path> unfinishedCandidates(Path runs) throws IOException {
        Path sweepDir = Files.isDirectory(runs) ? CliRun.onlyFolderIn(runs) : null;
        if (sweepDir == null || !Files.isDirectory(sweepDir.resolve("candidates"))) {
            return List.of();
        }
        try (Stream<Path> folders = Files.list(sweepDir.resolve("candidates"))) {
            return folders.filter(Files::isDirectory).filter(d -> !Files.exists(d.resolve("summary.json"))).toList();
        }
    }

    private static Map<Integer, Double> objectives(Path dir) throws IOException {
        Map<Integer, Double> objectives = new LinkedHashMap<>();
        for (JsonNode c : JSON.readTree(dir.resolve("summary.json").toFile()).get("candidates")) {
            if (c.get("status").asText().equals("complete")) {
                objectives.put(c.get("index").asInt(), c.get("objective").asDouble());
            }
        }
        return objectives;
    }

    /** A YAML file without its comment lines (which name the sweep folder). */
    private static List<String> body(Path yaml) throws IOException {
        return Files.readAllLines(yaml).stream().filter(l -> !l.startsWith("#")).toList();
    }
}
