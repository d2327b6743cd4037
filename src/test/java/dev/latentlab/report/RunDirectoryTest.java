package dev.latentlab.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.latentlab.store.Provenance;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class RunDirectoryTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-03-05T14:07:09Z"), ZoneOffset.UTC);
    private static final Logger LOG = LoggerFactory.getLogger(RunDirectoryTest.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path runs;

    record Result(int k, double trainMse) {
    }

    @Test
    void namesFoldersByTimeAndNameAndAddsSuffixesOnCollision() throws IOException {
        try (RunDirectory a = RunDirectory.create(runs, "kmeans", CLOCK);
             RunDirectory b = RunDirectory.create(runs, "kmeans", CLOCK);
             RunDirectory c = RunDirectory.create(runs, "kmeans", CLOCK)) {
            assertThat(a.path().getFileName()).hasToString("20240305-140709-kmeans");
            assertThat(b.path().getFileName()).hasToString("20240305-140709-kmeans-2");
            assertThat(c.path().getFileName()).hasToString("20240305-140709-kmeans-3");
            assertThat(a.path()).isDirectory();
            assertThat(a.resolve("metrics.csv")).isEqualTo(a.path().resolve("metrics.csv"));
        }
    }

    @Test
    void unsafeCharactersInTheNameAreReplaced() throws IOException {
        try (RunDirectory run = RunDirectory.create(runs, "vae beta/4", CLOCK)) {
            assertThat(run.path().getFileName()).hasToString("20240305-140709-vae_beta_4");
            assertThat(run.path().getParent()).isEqualTo(runs);
        }
        assertThatThrownBy(() -> RunDirectory.create(runs, "  ", CLOCK)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void runLogCapturesLinesAndExceptionsWhileOpenOnly() throws IOException {
        Path log;
        try (RunDirectory run = RunDirectory.create(runs, "logged", CLOCK)) {
            log = run.resolve(RunDirectory.LOG_FILE);
            LOG.info("inside the run {}", 42);
            LOG.info("with a stack trace", new IllegalStateException("kaboom"));
            LoggerFactory.getLogger("org.nd4j.linalg.Something").info("library chatter");
        }
        LOG.info("after the run");

        String text = Files.readString(log);
        assertThat(text).contains("INFO", RunDirectoryTest.class.getSimpleName(), "inside the run 42")
                .contains("with a stack trace", "java.lang.IllegalStateException: kaboom", "at dev.latentlab")
                .doesNotContain("library chatter")
                .doesNotContain("after the run");
        assertThat(text.lines().findFirst().orElseThrow()).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3} .*");
    }

    @Test
    void writesConfigAndPrettySummary() throws IOException {
        try (RunDirectory run = RunDirectory.create(runs, "files", CLOCK)) {
            run.writeConfig("task: kmeans\nk: 100");
            run.writeSummary(Map.of("results", List.of(new Result(100, 0.5))));
            assertThat(Files.readString(run.resolve("config.yaml"))).isEqualTo("task: kmeans\nk: 100\n");
            String json = Files.readString(run.resolve("summary.json"));
            assertThat(json).contains("\"results\" : [", "\"k\" : 100", "\"trainMse\" : 0.5").endsWith("\n");
        }
    }

    @Test
    void summaryCarriesTheProvenanceOfTheConfigInTheFolderAlsoWhenReopened() throws IOException {
        Path dir;
        try (RunDirectory run = RunDirectory.create(runs, "provenance", CLOCK)) {
            dir = run.path();
            run.writeConfig("task: kmeans\nk: 100");
            run.writeSummary(Map.of("k", 100));
        }
        String sha = Provenance.sha256("task: kmeans\nk: 100\n");
        assertThat(JSON.readTree(dir.resolve(RunDirectory.SUMMARY_FILE).toFile()).at("/provenance/config_sha256")
                .asText()).isEqualTo(sha);
        try (RunDirectory again = RunDirectory.reopen(dir)) {
            again.writeSummary(Map.of("k", 200));
            assertThat(again.provenance()).isEqualTo(Provenance.of("task: kmeans\nk: 100\n"));
        }
        JsonNode summary = JSON.readTree(dir.resolve(RunDirectory.SUMMARY_FILE).toFile());
        assertThat(summary.get("k").asInt()).isEqualTo(200);
        assertThat(summary.at("/provenance/config_sha256").asText()).isEqualTo(sha);
        assertThat(summary.at("/provenance/nd4j_version").asText()).isEqualTo(Provenance.of(null).nd4jVersion());
    }

    @Test
    void executeReturnsTheWorksResultAndLogsAFailureWithItsStackTraceBeforeRethrowingIt() throws IOException {
        Path log;
        IllegalStateException failure = new IllegalStateException("EM diverged");
        try (RunDirectory run = RunDirectory.create(runs, "failing", CLOCK)) {
            log = run.resolve(RunDirectory.LOG_FILE);
            assertThat(run.execute(() -> 7)).isEqualTo(7);
            assertThatThrownBy(() -> run.execute(() -> {
                throw failure;
            })).isSameAs(failure);
            assertThatThrownBy(() -> run.execute(() -> {
                throw new IOException("disk full");
            })).isInstanceOf(IOException.class).hasMessage("disk full");
        }
        assertThat(Files.readString(log)).contains("ERROR", "run failed", "java.lang.IllegalStateException: EM diverged",
                "at dev.latentlab", "java.io.IOException: disk full");
    }
}
