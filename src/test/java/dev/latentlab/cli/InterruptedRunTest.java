package dev.latentlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.latentlab.data.MnistFixtures;
import dev.latentlab.report.ReportPage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run of the jar stopped from outside (SIGTERM here; Ctrl-C's SIGINT shuts the JVM down the same way) says so: run.log,
 * summary.json and report.html name the interruption and how to go on, the lock file goes, and a checkpoint that
 * holds no epoch is not left behind.
 */
class InterruptedRunTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private List<String> args(String name) {
        return new ArrayList<>(List.of("--config", "vae_148_quick", "--set", "name=" + name,
                "--set", "data.dir=" + MnistFixtures.dir(), "--set", "data.fetch=false", "--set", "data.train_limit=null",
                "--set", "model.channels=[4, 8]", "--set", "model.strides=[2, 2]", "--set", "model.dense=16",
                "--set", "train.epochs=500", "--set", "train.early_stopping_patience=1000", "--set", "gmm.embedding=none",
                "--set", "evaluate.mnist_test=false", "--set", "output.runs_dir=" + tmp.resolve("runs"),
                "--set", "output.models_dir=" + tmp.resolve("models")));
    }

    @Test
    void aRunStoppedAfterAnEpochSaysWhereAndHowToResume() throws Exception {
        try (ChildTrainer child = ChildTrainer.startJar(tmp, args("stopped"))) {
            assertThat(child.awaitLine("epoch 1: train loss", 120)).as(child.output()).isTrue();
            assertThat(child.awaitLine("epoch 2: train loss", 120)).as(child.output()).isTrue();
            assertThat(child.terminate()).isEqualTo(143);   // 128 + SIGTERM
        }
        Path run = CliRun.onlyFolderIn(tmp.resolve("runs"));
        String log = Files.readString(run.resolve("run.log"));
        assertThat(log).containsPattern("WARN  \\[run-interrupted\\] dev.latentlab.report.RunDirectory - "
                + "interrupted (in|after) epoch \\d+ of 500 \\(run the same command with --resume to go on from the "
                + "last epoch in .*stopped.checkpoint\\)");
        JsonNode summary = JSON.readTree(run.resolve("summary.json").toFile());
        assertThat(summary.get("status").asText()).isEqualTo("interrupted");
        assertThat(summary.get("resume").asText()).contains("--resume");
        ReportPage page = ReportPage.of(run).checkRules();
        assertThat(page.document().selectFirst("header .banner").text()).contains("interrupted", "--resume");
        assertThat(page.document().select("#s-metrics tr")).as("the epochs done").hasSizeGreaterThan(1);
        assertThat(tmp.resolve("models/stopped.lock")).as("the lock file goes with the run").doesNotExist();
        assertThat(tmp.resolve("models/stopped.checkpoint/state.json")).exists();
    }

    @Test
    void aRunStoppedBeforeItsFirstEpochLeavesNoCheckpoint() throws Exception {
        try (ChildTrainer child = ChildTrainer.startJar(tmp, args("early"))) {
            assertThat(child.awaitLine("run folder", 120)).as(child.output()).isTrue();
            child.terminate();
            assertThat(child.output()).doesNotContain("epoch 1: train loss");
        }
        Path run = CliRun.onlyFolderIn(tmp.resolve("runs"));
        assertThat(JSON.readTree(run.resolve("summary.json").toFile()).get("status").asText()).isEqualTo("interrupted");
        assertThat(Files.readString(run.resolve("run.log"))).contains("RunDirectory - interrupted");
        assertThat(tmp.resolve("models/early.checkpoint")).as("a checkpoint without an epoch").doesNotExist();
        assertThat(tmp.resolve("models/early.lock")).doesNotExist();
    }
}
