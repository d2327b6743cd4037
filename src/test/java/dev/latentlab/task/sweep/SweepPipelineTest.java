package dev.latentlab.task.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.latentlab.BadInputException;
import dev.latentlab.config.ConfigLoader;
import dev.latentlab.config.LoadedConfig;
import dev.latentlab.config.SweepConfig;
import dev.latentlab.report.RunDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sweep's own machinery with a stand-in pipeline (no training): each candidate "run" writes a summary whose
 * metric is a known function of the swept value, so the best candidate, the records, failure handling and resume
 * can be checked exactly.
 */
class SweepPipelineTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;
    Path base;
    Path runs;

    /** A pipeline whose summary has {@code score = f(x)}; x where f gives NaN "diverges", x = -1 throws. */
    static final class FakeLauncher implements PipelineLauncher {
        final DoubleUnaryOperator f;
        final List<Double> ran = java.util.Collections.synchronizedList(new ArrayList<>());
        final java.util.concurrent.atomic.AtomicInteger running = new java.util.concurrent.atomic.AtomicInteger();
        final java.util.concurrent.atomic.AtomicInteger mostAtOnce = new java.util.concurrent.atomic.AtomicInteger();
        long millis;
        int stopAfter = Integer.MAX_VALUE;

        FakeLauncher(DoubleUnaryOperator f) {
            this.f = f;
        }

        @Override
        public String resolve(LoadedConfig config) {
            JsonNode tree = config.tree();
            if (!tree.has("x") || tree.size() != 4) {
                throw new BadInputException(config.file() + ": unknown key " + tree.fieldNames().next());
            }
            return tree.toString();
        }

        @Override
        public void checkInputs(LoadedConfig config) {
            // the fake candidates name no files
        }

        @Override
        public Path run(LoadedConfig config) throws IOException {
            if (ran.size() >= stopAfter) {   // the candidate's run folder was started, then the machine went away
                RunDirectory.create(Path.of(config.tree().at("/output/runs_dir").textValue()),
                        config.tree().get("name").textValue()).close();
                throw new Error("simulated crash: the machine went away");
            }
            resolve(config);
            JsonNode tree = config.tree();
            double x = tree.get("x").doubleValue();
            ran.add(x);
            mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                running.decrementAndGet();
            }
            if (x == -1) {
                throw new IllegalStateException("out of memory (simulated)");
            }
            try (RunDirectory run = RunDirectory.create(Path.of(tree.at("/output/runs_dir").textValue()),
                    tree.get("name").textValue())) {
                java.util.Map<String, Object> summary = new java.util.LinkedHashMap<>();
                summary.put("score", f.applyAsDouble(x));
                summary.put("nested", java.util.Map.of("x", x));
                run.writeSummary(summary);
                return run.path();
            }
        }
    }

    @BeforeEach
    void base() throws IOException {
        base = Files.writeString(tmp.resolve("base.yaml"), "task: fake\nname: base\nx: 0\noutput:\n  runs_dir: r\n");
        runs = tmp.resolve("runs");
    }

    Path sweepFile(String parameters, String extra) throws IOException {
        return Files.writeString(tmp.resolve("sweep.yaml"), "task: sweep\nname: s\nbase: " + base + "\n"
                + "parameters:\n  " + parameters + "\nobjective:\n  metric: score\n  direction: minimize\n"
                + "output:\n  runs_dir: " + runs + "\n" + extra);
    }

    static SweepConfig bind(Path file, String... sets) {
        return ConfigLoader.load(file, List.of(sets)).bind(SweepConfig.class);
    }

    @Test
    void gridFindsTheMinimumAndWritesEveryOutput() throws IOException {
        Path file = sweepFile("x: {values: [1, 2, 3, 4, 5]}", "");
        FakeLauncher launcher = new FakeLauncher(x -> (x - 3) * (x - 3));
        Path dir = new SweepPipeline(file, bind(file), launcher, false).run();

        assertThat(launcher.ran).containsExactly(1.0, 2.0, 3.0, 4.0, 5.0);
        JsonNode summary = JSON.readTree(dir.resolve("summary.json").toFile());
        assertThat(summary.at("/best/index").intValue()).isEqualTo(2);
        assertThat(summary.at("/best/objective").doubleValue()).isZero();
        assertThat(summary.at("/best/parameters/x").intValue()).isEqualTo(3);
        assertThat(summary.at("/complete").intValue()).isEqualTo(5);
        assertThat(summary.has("elbow")).as("a curve with an inner minimum has no elbow").isFalse();
        List<String> csv = Files.readAllLines(dir.resolve("candidates.csv"));
        assertThat(csv.get(0)).startsWith("index,status,x,objective,seconds,run_dir,error,score,nested.x");
        assertThat(csv).hasSize(6);
        assertThat(csv.get(3)).startsWith("2,complete,3,0.0,");
        String best = Files.readString(dir.resolve("best.yaml"));
        assertThat(best).contains("\"x\":3").contains("\"name\":\"s-best\"");
        assertThat(dir.resolve("objective_vs_x.png")).isNotEmptyFile();
        assertThat(dir.resolve("report.html")).isNotEmptyFile();
        try (Stream<Path> candidates = Files.list(dir.resolve("candidates"))) {
            assertThat(candidates.map(p -> p.getFileName().toString())).hasSize(5)
                    .allMatch(n -> n.matches("\\d{8}-\\d{6}-s-c00[0-4](-\\d+)?"));
        }
    }

    @Test
    void decreasingErrorCurveGetsItsElbow() throws IOException {
        Path file = sweepFile("x: {values: [1, 2, 4, 8, 16, 32]}", "");
        Path dir = new SweepPipeline(file, bind(file), new FakeLauncher(x -> 1000.0 / x), false).run();
        JsonNode elbow = JSON.readTree(dir.resolve("summary.json").toFile()).get("elbow");
        assertThat(elbow.get("parameter").textValue()).isEqualTo("x");
        assertThat(elbow.get("value").intValue()).isBetween(2, 8);
    }

    @Test
    void failedCandidatesAreRecordedAndTheSweepGoesOn() throws IOException {
        Path file = sweepFile("x: {values: [-1, 2, 7, 4]}", "");
        FakeLauncher launcher = new FakeLauncher(x -> x == 7 ? Double.NaN : x);
        Path dir = new SweepPipeline(file, bind(file), launcher, false).run();
        assertThat(launcher.ran).containsExactly(-1.0, 2.0, 7.0, 4.0);
        List<String> csv = Files.readAllLines(dir.resolve("candidates.csv"));
        assertThat(csv.get(1)).startsWith("0,failed,-1,,").contains("IllegalStateException: out of memory (simulated)");
        assertThat(csv.get(3)).startsWith("2,failed,7,,").contains("objective score is NaN");
        JsonNode summary = JSON.readTree(dir.resolve("summary.json").toFile());
        assertThat(summary.at("/failed").intValue()).isEqualTo(2);
        assertThat(summary.at("/best/parameters/x").intValue()).isEqualTo(2);
    }

    @Test
    void allCandidatesFailingFailsTheSweep() throws IOException {
        Path file = sweepFile("x: {values: [-1, 5]}", "");
        assertThatThrownBy(() -> new SweepPipeline(file, bind(file), new FakeLauncher(x -> Double.NaN), false).run())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("all 2 candidates failed");
    }

    @Test
    void anInterruptedSweepResumesWithoutRerunningFinishedCandidates() throws IOException {
        Path file = sweepFile("x: {values: [1, 2, 3, 4, 5]}", "");
        FakeLauncher crashing = new FakeLauncher(x -> x);
        crashing.stopAfter = 2;
        Path first = new SweepPipeline(file, bind(file), crashing, false).run();
        assertThat(crashing.ran).containsExactly(1.0, 2.0);

        FakeLauncher again = new FakeLauncher(x -> x);
        Path resumed = new SweepPipeline(file, bind(file), again, true).run();
        assertThat(resumed).isEqualTo(first);
        assertThat(again.ran).as("finished candidates are skipped; the crashed one runs again").containsExactly(3.0, 4.0, 5.0);
        JsonNode summary = JSON.readTree(resumed.resolve("summary.json").toFile());
        assertThat(summary.at("/complete").intValue()).isEqualTo(5);
        assertThat(summary.at("/best/parameters/x").intValue()).isEqualTo(1);
        try (java.util.stream.Stream<Path> folders = Files.list(resumed.resolve("candidates"))) {
            assertThat(folders.map(d -> d.getFileName().toString().replaceFirst("^[0-9-]+-", "")).sorted())
                    .as("one folder per candidate: the interrupted one's partial folder is gone")
                    .containsExactly("s-c000", "s-c001", "s-c002", "s-c003", "s-c004");
        }
    }

    @Test
    void resumeRefusesAChangedSweepAndAMissingOne() throws IOException {
        Path file = sweepFile("x: {values: [1, 2, 3]}", "");
        assertThatThrownBy(() -> new SweepPipeline(file, bind(file), new FakeLauncher(x -> x), true).run())
                .isInstanceOf(BadInputException.class).hasMessageContaining("--resume: no sweep named s");
        new SweepPipeline(file, bind(file, "search.max_candidates=1"), new FakeLauncher(x -> x), false).run();
        Path changed = sweepFile("x: {values: [1, 2, 9]}", "");
        assertThatThrownBy(() -> new SweepPipeline(changed, bind(changed), new FakeLauncher(x -> x), true).run())
                .isInstanceOf(BadInputException.class).hasMessageContaining("differs from the interrupted sweep");
    }

    @Test
    void mistakesInTheSweepConfigStopItWithOneLine() throws IOException {
        Path typo = sweepFile("y: {values: [1, 2]}", "");
        assertThatThrownBy(() -> new SweepPipeline(typo, bind(typo), new FakeLauncher(x -> x), false).run())
                .isInstanceOf(BadInputException.class).hasMessageContaining("the overrides do not fit");
        Path metric = sweepFile("x: {values: [1, 2]}", "");
        FakeLauncher launcher = new FakeLauncher(x -> x);
        assertThatThrownBy(() -> new SweepPipeline(metric, bind(metric, "objective.metric=scroe"), launcher, false).run())
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("objective.metric = scroe: not in").hasMessageContaining("score, nested.x");
        assertThat(launcher.ran).as("stopped after the first candidate").hasSize(1);
        Path noParameters = Files.writeString(tmp.resolve("empty.yaml"), "task: sweep\nbase: " + base + "\n");
        assertThatThrownBy(() -> new SweepPipeline(noParameters, bind(noParameters), new FakeLauncher(x -> x), false).run())
                .isInstanceOf(BadInputException.class).hasMessageContaining("missing key parameters");
    }

    @Test
    void twoParametersGetAHeatMap() throws IOException {
        base = Files.writeString(tmp.resolve("base.yaml"), "task: fake\nname: base\nx: 0\noutput:\n  runs_dir: r\n");
        Path file = Files.writeString(tmp.resolve("two.yaml"), "task: sweep\nname: two\nbase: " + base + "\n"
                + "overrides: {output: {models_dir: m}}\n"
                + "parameters:\n  x: {int_range: [1, 3]}\n  output.runs_dir2: {values: [a, b]}\n"
                + "objective: {metric: score, direction: maximize}\noutput: {runs_dir: " + runs + "}\n");
        // the fake resolve() accepts 4 keys: task, name, x, output (output.runs_dir2 lives inside output)
        Path dir = new SweepPipeline(file, bind(file), new FakeLauncher(x -> x), false).run();
        assertThat(dir.resolve("heatmap.png")).isNotEmptyFile();
        assertThat(JSON.readTree(dir.resolve("summary.json").toFile()).at("/planned").intValue()).isEqualTo(6);
    }

    @Test
    void parallelCandidatesRunAtOnceAndARandomSearchStopsAtItsLimit() throws IOException {
        Path file = sweepFile("x: {uniform: [0, 10]}", "search: {method: random, max_candidates: 5, parallel: 3}\n");
        FakeLauncher launcher = new FakeLauncher(x -> x * x);
        launcher.millis = 300;
        Path dir = new SweepPipeline(file, bind(file), launcher, false, new InProcessCandidates(launcher)).run();
        assertThat(launcher.ran).as("Arbiter starts no candidate past max_candidates").hasSize(5);
        assertThat(launcher.mostAtOnce.get()).isEqualTo(3);

        FakeLauncher sequential = new FakeLauncher(x -> x * x);
        Path one = new SweepPipeline(file, bind(file, "search.parallel=1", "name=s1"), sequential, false).run();
        assertThat(sequential.mostAtOnce.get()).isEqualTo(1);
        assertThat(objectives(dir)).as("the same candidates, indices and objectives").isEqualTo(objectives(one));
    }

    @Test
    void aCandidateFailedInAnotherJvmKeepsItsRunFolderAndALostAttemptsFolderIsRemoved() throws IOException {
        Path file = sweepFile("x: {values: [1, 2, 3]}", "");
        FakeLauncher launcher = new FakeLauncher(x -> x);
        CandidateExecutor elsewhere = job -> {
            if (job.index() == 0) {   // an earlier attempt of candidate 0 died with its machine
                Files.createDirectories(job.runsDir().resolve("20260101-000000-" + job.name()));
            }
            if (job.index() == 1) {
                Path failed = Files.createDirectories(job.runsDir().resolve("20260101-000001-" + job.name()));
                throw new CandidateRunFailed("run failed: IllegalStateException: boom", failed);
            }
            return launcher.run(job.config());
        };
        Path dir = new SweepPipeline(file, bind(file), launcher, false, elsewhere).run();
        List<String> csv = Files.readAllLines(dir.resolve("candidates.csv"));
        assertThat(csv.get(2)).startsWith("1,failed,2,,").contains("20260101-000001-s-c001")
                .contains("run failed: IllegalStateException: boom").doesNotContain("CandidateRunFailed");
        try (Stream<Path> candidates = Files.list(dir.resolve("candidates"))) {
            assertThat(candidates.map(p -> p.getFileName().toString()))
                    .as("one folder per candidate: the lost attempt's is gone, the failed run's is kept").hasSize(3)
                    .doesNotContain("20260101-000000-s-c000").contains("20260101-000001-s-c001");
        }
    }

    private static java.util.Map<Integer, Double> objectives(Path dir) throws IOException {
        java.util.Map<Integer, Double> objectives = new java.util.TreeMap<>();
        for (JsonNode c : JSON.readTree(dir.resolve("summary.json").toFile()).get("candidates")) {
            objectives.put(c.get("index").intValue(), c.get("objective").doubleValue());
        }
        return objectives;
    }
}
