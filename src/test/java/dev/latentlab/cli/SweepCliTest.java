package dev.latentlab.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.latentlab.data.MnistFixtures;
import dev.latentlab.report.ReportPage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped quick sweeps end to end through the CLI, outputs under a temp folder, each followed by a re-run
 * of its best.yaml, which must reach the same objective.
 */
class SweepCliTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void kSweepOnFixtureDigitsPicksTheLargestKFindsAnElbowAndItsBestYamlReproducesTheObjective() throws IOException {
        Path runs = tmp.resolve("runs");
        CliRun sweep = CliRun.of("sweep", "--config", "configs/sweep_k_quick.yaml",
                "--set", "overrides.data.dir=" + MnistFixtures.dir(), "--set", "overrides.data.fetch=false",
                "--set", "overrides.data.train_limit=40", "--set", "overrides.data.test_limit=20",
                "--set", "overrides.kmeans.max_iter=8", "--set", "output.runs_dir=" + runs);
        assertThat(sweep.exitCode()).as(sweep.err()).isZero();
        Path dir = CliRun.onlyFolderIn(runs);
        assertThat(sweep.out()).contains("sweep folder: " + dir);
        for (String file : List.of("config.yaml", "run.log", "candidates.csv", "best.yaml", "summary.json",
                "report.html", "objective_vs_kmeans_k.png", "sweep_state.json")) {
            assertThat(dir.resolve(file)).as(file).isNotEmptyFile();
        }
        JsonNode summary = JSON.readTree(dir.resolve("summary.json").toFile());
        assertThat(summary.at("/complete").intValue()).isEqualTo(6);
        ReportPage page = ReportPage.of(dir).checkRules();
        assertThat(page.headlineLabels()).startsWith("best results.0.test_mse", "candidates complete");
        assertThat(page.rerun()).contains(" sweep --config ");
        assertThat(page.document().select("#s-candidates a[href$=report.html]")).as("each candidate's report linked")
                .hasSize(6);
        assertThat(summary.at("/best/parameters/kmeans.k").intValue()).as("more centroids, less error").isEqualTo(256);
        assertThat(summary.at("/elbow/parameter").textValue()).isEqualTo("kmeans.k");
        try (Stream<Path> c = Files.list(dir.resolve("candidates"))) {
            assertThat(c.filter(p -> Files.exists(p.resolve("summary.json")))).hasSize(6);
        }

        Path again = tmp.resolve("again");
        CliRun rerun = CliRun.of("--config", dir.resolve("best.yaml").toString(), "--set", "output.runs_dir=" + again,
                "--set", "output.models_dir=" + tmp.resolve("models"));
        assertThat(rerun.exitCode()).as(rerun.err()).isZero();
        JsonNode rerunSummary = JSON.readTree(CliRun.onlyFolderIn(again).resolve("summary.json").toFile());
        assertThat(rerunSummary.at("/results/0/k").intValue()).isEqualTo(256);
        // equal up to the order in which the two search workers' partial sums are added
        assertThat(rerunSummary.at("/results/0/test_mse").doubleValue())
                .isCloseTo(summary.at("/best/objective").doubleValue(), org.assertj.core.data.Percentage.withPercentage(1e-9));
    }

    @Test
    void gmmComponentsSweepByBicAndItsBestYamlReproducesTheObjective() throws IOException {
        Path runs = tmp.resolve("runs");
        CliRun sweep = CliRun.of("sweep", "--config", "configs/sweep_gmm_k_quick.yaml",
                "--set", "overrides.gmm.n_init=1", "--set", "output.runs_dir=" + runs);
        assertThat(sweep.exitCode()).as(sweep.err()).isZero();
        Path dir = CliRun.onlyFolderIn(runs);
        JsonNode summary = JSON.readTree(dir.resolve("summary.json").toFile());
        assertThat(summary.at("/complete").intValue()).isEqualTo(11);
        int best = summary.at("/best/parameters/gmm.components").intValue();
        assertThat(best).as("three digit classes in a 2-D latent space need several components").isBetween(3, 12);
        List<String> csv = Files.readAllLines(dir.resolve("candidates.csv"));
        assertThat(csv).hasSize(12);
        assertThat(csv.get(0)).contains("chosen.bic", "validation.accuracy");

        Path again = tmp.resolve("again");
        CliRun rerun = CliRun.of("--config", dir.resolve("best.yaml").toString(), "--set", "output.runs_dir=" + again,
                "--set", "output.models_dir=" + tmp.resolve("models"));
        assertThat(rerun.exitCode()).as(rerun.err()).isZero();
        JsonNode rerunSummary = JSON.readTree(CliRun.onlyFolderIn(again).resolve("summary.json").toFile());
        assertThat(rerunSummary.at("/chosen/bic").doubleValue())
                .isCloseTo(summary.at("/best/objective").doubleValue(), org.assertj.core.data.Percentage.withPercentage(1e-9));
    }

    @Test
    void seedsSweepReportsMeanAndSdOfTheObjectiveAndEveryMetricPerGroup() throws IOException {
        Path runs = tmp.resolve("seeds-runs");
        CliRun sweep = CliRun.of("sweep", "--config", "configs/sweep_gmm_k_quick.yaml", "--seeds", "1,2,3",
                "--set", "parameters={\"gmm.components\": {values: [3, 5]}}", "--set", "overrides.gmm.n_init=1",
                "--set", "overrides.gmm.init=random_from_data", "--set", "output.runs_dir=" + runs);
        assertThat(sweep.exitCode()).as(sweep.err()).isZero();
        assertThat(sweep.out()).contains("across seeds [1, 2, 3]").contains("validation.nmi");
        Path dir = CliRun.onlyFolderIn(runs);
        JsonNode summary = new ObjectMapper().readTree(dir.resolve("summary.json").toFile());
        JsonNode groups = summary.get("across_seeds");
        assertThat(groups).hasSize(2);
        for (JsonNode g : groups) {
            int k = g.get("parameters").get("gmm.components").asInt();
            assertThat(g.get("seeds").toString()).isEqualTo("[1,2,3]");
            double[] objectives = new double[3];
            double[] accuracies = new double[3];
            int i = 0;
            for (JsonNode c : summary.get("candidates")) {
                if (c.get("gmm.components").asInt() == k) {
                    objectives[i] = c.get("objective").asDouble();
                    JsonNode runSummary = new ObjectMapper().readTree(Path.of(c.get("run_dir").asText())
                            .resolve("summary.json").toFile());
                    accuracies[i++] = runSummary.get("validation").get("accuracy").asDouble();
                }
            }
            assertThat(i).isEqualTo(3);
            assertThat(g.get("objective").get("mean").asDouble()).isCloseTo(mean(objectives), within(1e-9));
            assertThat(g.get("objective").get("sd").asDouble()).isCloseTo(sd(objectives), within(1e-9));
            JsonNode accuracy = g.get("metrics").get("validation.accuracy");
            assertThat(accuracy.get("mean").asDouble()).isCloseTo(mean(accuracies), within(1e-12));
            assertThat(accuracy.get("sd").asDouble()).isCloseTo(sd(accuracies), within(1e-12));
            assertThat(g.get("metrics").has("validation.ari")).isTrue();
            assertThat(g.get("metrics").has("one_component_per_class.validation.hungarian_accuracy")).isTrue();
        }
        assertThat(summary.has("elbow")).isFalse();
    }

    @Test
    void seedsOnTheMainCommandRunTheConfigOncePerSeedAndReportTheSpread() throws IOException {
        Path runs = tmp.resolve("main-seeds-runs");
        CliRun run = CliRun.of("--config", "configs/latent_gmm.yaml", "--seeds", "1,2,3",
                "--set", "latents=configs/samples/vae_148_latents.npz", "--set", "gmm.components=[3]",
                "--set", "gmm.n_init=1", "--set", "select_by=val_accuracy", "--set", "output.save_model=false",
                "--set", "output.runs_dir=" + runs);
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("across seeds [1, 2, 3]").contains("validation.accuracy (objective)");
        Path dir = CliRun.onlyFolderIn(runs);
        assertThat(dir.getFileName().toString()).endsWith("-latent_gmm-seeds");
        JsonNode summary = new ObjectMapper().readTree(dir.resolve("summary.json").toFile());
        JsonNode group = summary.get("across_seeds").get(0);
        assertThat(group.get("parameters").size()).isZero();
        double[] accuracies = new double[3];
        int i = 0;
        for (JsonNode c : summary.get("candidates")) {
            JsonNode runSummary = new ObjectMapper().readTree(Path.of(c.get("run_dir").asText())
                    .resolve("summary.json").toFile());
            assertThat(runSummary.get("gmm_components").asInt()).isEqualTo(3);
            accuracies[i++] = runSummary.get("validation").get("accuracy").asDouble();
        }
        assertThat(group.get("objective").get("mean").asDouble()).isCloseTo(mean(accuracies), within(1e-12));
        assertThat(group.get("metrics").get("validation.nmi").get("sd").isNumber()).isTrue();

        CliRun notGmm = CliRun.of("--config", "configs/kmeans_quick.yaml", "--seeds", "1,2",
                "--set", "output.runs_dir=" + tmp.resolve("none"));
        CliRun oneSeed = CliRun.of("--config", "configs/latent_gmm.yaml", "--seeds", "4",
                "--set", "latents=configs/samples/vae_148_latents.npz",
                "--set", "output.runs_dir=" + tmp.resolve("none"));
        for (CliRun bad : List.of(notGmm, oneSeed)) {
            assertThat(bad.exitCode()).as(bad.err()).isEqualTo(2);
            assertThat(bad.errLines()).as(bad.err()).hasSize(1);
        }
        assertThat(tmp.resolve("none")).doesNotExist();
    }

    private static double mean(double[] v) {
        return java.util.Arrays.stream(v).average().orElseThrow();
    }

    private static double sd(double[] v) {
        double m = mean(v);
        return Math.sqrt(java.util.Arrays.stream(v).map(x -> (x - m) * (x - m)).sum() / (v.length - 1));
    }

    @Test
    void badSweepInputExitsTwoWithOneLine() {
        CliRun missingBase = CliRun.of("sweep", "--config", "configs/sweep_gmm_k_quick.yaml", "--set", "base=nope.yaml",
                "--set", "output.runs_dir=" + tmp.resolve("runs"));
        assertThat(missingBase.exitCode()).isEqualTo(2);
        assertThat(missingBase.errLines()).hasSize(1);
        assertThat(missingBase.err()).contains("base = nope.yaml").contains("config file not found");

        CliRun badSpace = CliRun.of("sweep", "--config", "configs/sweep_gmm_k_quick.yaml",
                "--set", "search.method=random", "--set", "output.runs_dir=" + tmp.resolve("runs"));
        assertThat(badSpace.exitCode()).isEqualTo(2);
        assertThat(badSpace.err()).contains("search.max_candidates").contains("random");

        // a file that only a later candidate names is found missing before the first candidate runs
        Path sweepFile = tmp.resolve("latents_sweep.yaml");
        try {
            Files.writeString(sweepFile, """
                    task: sweep
                    name: latents_sweep
                    base: latent_gmm.yaml
                    overrides: {gmm.n_init: 1, output.save_model: false}
                    parameters:
                      latents: {values: [configs/samples/vae_148_latents.npz, configs/samples/missing.npz]}
                    objective: {metric: chosen.bic, direction: minimize}
                    """);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        CliRun missingInput = CliRun.of("sweep", "--config", sweepFile.toString(),
                "--set", "output.runs_dir=" + tmp.resolve("runs"));
        assertThat(missingInput.exitCode()).as(missingInput.err()).isEqualTo(2);
        assertThat(missingInput.errLines()).hasSize(1);
        assertThat(missingInput.err()).contains("candidate 1").contains("latents = configs/samples/missing.npz: "
                + "not found (looked in ");

        CliRun notASweep = CliRun.of("sweep", "--config", "configs/kmeans_quick.yaml");
        assertThat(notASweep.exitCode()).isEqualTo(2);
        assertThat(notASweep.err()).contains("task").contains("sweep");
        assertThat(Files.exists(tmp.resolve("runs"))).as("nothing half-written").isFalse();
    }

    @Test
    void parallelSweepInChildJvmsEqualsTheSequentialSweep() throws IOException {
        String[] gmm = {"sweep", "--config", "configs/sweep_gmm_k_quick.yaml",
                "--set", "parameters={\"gmm.components\": {values: [2, 3, 4]}}", "--set", "overrides.gmm.n_init=1"};
        CliRun sequential = CliRun.of(concat(gmm, "--set", "output.runs_dir=" + tmp.resolve("one")));
        CliRun parallel = CliRun.of(concat(gmm, "--set", "search.parallel=2", "--set",
                "output.runs_dir=" + tmp.resolve("two")));
        assertThat(sequential.exitCode()).as(sequential.err()).isZero();
        assertThat(parallel.exitCode()).as(parallel.err()).isZero();
        Path one = CliRun.onlyFolderIn(tmp.resolve("one"));
        Path two = CliRun.onlyFolderIn(tmp.resolve("two"));
        assertThat(Files.readString(two.resolve("run.log"))).contains("3 candidates, 2 at once each in its own JVM "
                + "with " + Math.max(1, Runtime.getRuntime().availableProcessors() / 2) + " of");
        JsonNode a = JSON.readTree(one.resolve("summary.json").toFile()).get("candidates");
        JsonNode b = JSON.readTree(two.resolve("summary.json").toFile()).get("candidates");
        assertThat(b).hasSize(3);
        for (int i = 0; i < 3; i++) {
            assertThat(b.get(i).get("status").asText()).isEqualTo("complete");
            assertThat(b.get(i).get("objective").doubleValue()).isEqualTo(a.get(i).get("objective").doubleValue());
            assertThat(Path.of(b.get(i).get("run_dir").asText()).resolve("summary.json")).isNotEmptyFile();
        }
        assertThat(Files.readAllLines(two.resolve("best.yaml")).stream().filter(l -> !l.startsWith("#")))
                .containsExactlyElementsOf(Files.readAllLines(one.resolve("best.yaml")).stream()
                        .filter(l -> !l.startsWith("#")).toList());
        assertThat(two.resolve("candidates.csv")).isNotEmptyFile();
    }

    @Test
    void badParallelExecutorAndRelativeFolderForARemoteMasterAreOneLineExitTwo() {
        Path runs = tmp.resolve("runs");
        String[][] cases = {
                {"search.parallel=0", "search.parallel = 0: expected an integer >= 1"},
                {"search.executor=foo", "search.executor = \"foo\": expected one of local, spark"},
        };
        for (String[] c : cases) {
            CliRun run = CliRun.of("sweep", "--config", "configs/sweep_gmm_k_quick.yaml", "--set", c[0],
                    "--set", "output.runs_dir=" + runs);
            assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
            assertThat(run.errLines()).as(run.err()).hasSize(1);
            assertThat(run.err()).contains(c[1]);
        }
        CliRun relative = CliRun.of("sweep", "--config", "configs/sweep_gmm_k_quick.yaml",
                "--set", "search.executor=spark", "--set", "spark.master=spark://127.0.0.1:7077",
                "--set", "output.runs_dir=" + tmp.relativize(runs));
        assertThat(relative.exitCode()).as(relative.err()).isEqualTo(2);
        assertThat(relative.errLines()).as(relative.err()).hasSize(1);
        assertThat(relative.err()).contains("output.runs_dir = \"runs\": expected an absolute path on storage every "
                + "worker sees (search.executor spark with spark.master spark://127.0.0.1:7077)");
        assertThat(runs).doesNotExist();
        assertThat(Path.of("runs").resolve("sweep_gmm_k_quick.sweep.lock")).doesNotExist();
    }

    @Test
    void aCandidateFailingInItsOwnJvmIsRecordedWithItsErrorAndRunFolder() throws IOException {
        Path runs = tmp.resolve("runs");
        CliRun run = CliRun.of("sweep", "--config", "configs/sweep_gmm_k_quick.yaml", "--set", "search.parallel=2",
                "--set", "parameters={\"gmm.components\": {values: [2, 3001]}}", "--set", "overrides.gmm.n_init=1",
                "--set", "output.runs_dir=" + runs);
        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> csv = Files.readAllLines(CliRun.onlyFolderIn(runs).resolve("candidates.csv"));
        assertThat(csv.get(1)).startsWith("0,complete,2,");
        assertThat(csv.get(2)).startsWith("1,failed,3001,,").contains("gmm.components");
    }

    private static String[] concat(String[] head, String... tail) {
        String[] all = java.util.Arrays.copyOf(head, head.length + tail.length);
        System.arraycopy(tail, 0, all, head.length, tail.length);
        return all;
    }
}
