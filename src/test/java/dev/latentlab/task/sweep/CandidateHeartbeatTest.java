package dev.latentlab.task.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The driver's per-candidate lines: each running candidate with the last line of its run.log. */
class CandidateHeartbeatTest {
    @TempDir
    Path tmp;

    @Test
    void eachRunningCandidateIsShownWithItsLastLogLine() throws IOException {
        Path runs = tmp.resolve("candidates");
        Path run = Files.createDirectories(runs.resolve("20260101-000000-s-c003"));
        Files.writeString(run.resolve("run.log"), "08:00 INFO start\n08:01 INFO epoch 2/8 [=====     ] 50%\n\n");
        List<String> lines = new CopyOnWriteArrayList<>();
        try (CandidateHeartbeat heartbeat = new CandidateHeartbeat(Duration.ofHours(1), lines::add)) {
            CandidateJob three = new CandidateJob(3, "s-c003", null, "", runs, tmp.resolve("models"));
            CandidateJob four = new CandidateJob(4, "s-c004", null, "", runs, tmp.resolve("models"));
            heartbeat.started(three);
            heartbeat.started(four);
            heartbeat.beat();
            assertThat(lines).hasSize(2);
            assertThat(lines.get(0)).matches("sweep: candidate 3 running for 0:00:0\\d: 08:01 INFO epoch 2/8 .*50%");
            assertThat(lines.get(1)).endsWith("candidate 4 running for 0:00:00: starting (no run folder yet)");
            Files.writeString(run.resolve("run.log"), "2026-12-07 08:32:40.423 INFO  [main] "
                    + "dev.latentlab.report.Progress - epoch 1: 14/38 batches (36%), loss 410.3\n");
            lines.clear();
            heartbeat.beat();
            assertThat(lines.get(0)).as("run.log's prefix (date, level, thread, logger) dropped")
                    .matches("sweep: candidate 3 running for 0:00:0\\d: epoch 1: 14/38 batches \\(36%\\), loss 410\\.3");
            lines.clear();
            heartbeat.finished(three);
            heartbeat.finished(four);
            heartbeat.beat();
            assertThat(lines).isEmpty();
        }
    }
}
