package dev.latentlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latentlab.data.MnistFixtures;
import dev.latentlab.task.sweep.ChildJvm;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A candidate's JVM halts when the JVM that started it goes away (its stdin closes), mid-run, and without the
 * property it does not: the same run then finishes.
 */
class ParentWatchTest {
    @TempDir
    Path tmp;

    private Process start(boolean watch) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g"));
        if (watch) {
            command.add("-D" + ChildJvm.EXIT_WITH_PARENT + "=true");
        }
        command.addAll(List.of("-cp", String.join(File.pathSeparator, ChildJvm.classPath()), "dev.latentlab.Trainer",
                "--config", "configs/kmeans_quick.yaml", "--set", "data.dir=" + MnistFixtures.dir(),
                "--set", "data.fetch=false", "--set", "data.train_limit=100", "--set", "data.test_limit=20",
                "--set", "kmeans.k=[8]", "--set", "report.atlas_k=[]", "--set", "output.save_model=false",
                "--set", "output.runs_dir=" + tmp.resolve(watch ? "watched" : "plain")));
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(tmp.resolve(watch ? "watched.log" : "plain.log").toFile()).start();
    }

    @Test
    void aCandidateJvmHaltsWhenItsParentsPipeCloses() throws Exception {
        Process watched = start(true);
        Process plain = start(false);
        Thread.sleep(1500);
        watched.getOutputStream().close();  // what the kernel does when the parent dies
        plain.getOutputStream().close();
        assertThat(watched.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(watched.exitValue()).as(Files.readString(tmp.resolve("watched.log"))).isEqualTo(ParentWatch.ORPHANED);
        assertThat(Files.readString(tmp.resolve("watched.log"))).doesNotContain("run folder: ");
        assertThat(plain.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(plain.exitValue()).as(Files.readString(tmp.resolve("plain.log"))).isZero();
        assertThat(Files.readString(tmp.resolve("plain.log"))).contains("run folder: ");
    }
}
