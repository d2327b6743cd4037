package dev.latentlab.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.latentlab.data.MnistFixtures;
import dev.latentlab.task.dictionary.SparkBackend;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A jar built without {@code -Pspark} (the default) refuses the Spark engine, its benchmark and the sweep's Spark
 * executor in one line, exit 2, before any work. Skipped in a {@code -Pspark} build, whose tests (src/spark-test/java) run the engine itself.
 */
class SparkAbsentCliTest {
    @TempDir
    Path tmp;

    @BeforeEach
    void defaultBuildOnly() {
        assumeTrue(SparkBackend.find().isEmpty(), "this build has Spark (-Pspark)");
    }

    @Test
    void sparkEngineIsOneLineExitTwoNamingTheProfileAndNoRunFolder() {
        CliRun run = CliRun.of("--config", "configs/kmeans_quick.yaml", "--set", "kmeans.engine=spark",
                "--set", "data.dir=" + MnistFixtures.dir(), "--set", "data.fetch=false",
                "--set", "output.runs_dir=" + tmp.resolve("runs"), "--set", "output.models_dir=" + tmp.resolve("models"));
        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.errLines()).hasSize(1);
        assertThat(run.err()).contains("configs/kmeans_quick.yaml").contains("kmeans.engine spark")
                .contains("built without Apache Spark").contains("-Pspark");
        assertThat(tmp.resolve("runs")).doesNotExist();
        assertThat(tmp.resolve("models")).doesNotExist();
    }

    @Test
    void sparkBenchmarkIsOneLineExitTwo() {
        CliRun run = CliRun.of("bench", "spark-kmeans", "--digits", "10", "--data", tmp.resolve("mnist").toString());
        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.errLines()).hasSize(1);
        assertThat(run.err()).contains("bench spark-kmeans").contains("-Pspark");
        assertThat(tmp.resolve("mnist")).doesNotExist();
    }

    @Test
    void sparkSweepExecutorIsOneLineExitTwoAndNoSweepFolder() {
        CliRun run = CliRun.of("sweep", "--config", "configs/sweep_gmm_k_quick.yaml", "--set", "search.executor=spark",
                "--set", "output.runs_dir=" + tmp.resolve("runs"));
        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.errLines()).hasSize(1);
        assertThat(run.err()).contains("configs/sweep_gmm_k_quick.yaml: search.executor spark")
                .contains("built without Apache Spark").contains("-Pspark");
        assertThat(tmp.resolve("runs")).doesNotExist();
    }
}
