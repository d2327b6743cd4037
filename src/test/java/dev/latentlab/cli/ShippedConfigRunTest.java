package dev.latentlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latentlab.config.ConfigLoader;
import dev.latentlab.config.ConfigLocator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A bare config name that is only on the class path (as in trainer.jar) runs like the file in configs/. */
class ShippedConfigRunTest {
    @TempDir
    Path tmp;

    @Test
    void aConfigFoundOnlyAsAResourceRunsItsTask() throws IOException {
        Path away = Files.createDirectories(tmp.resolve("elsewhere"));   // no configs/ here
        Path shipped = new ConfigLocator(away).locate("quantize_quick");
        assertThat(shipped).isNotEqualTo(Path.of("configs/quantize_quick.yaml"));
        assertThat(shipped.startsWith(away)).isFalse();
        Path runs = tmp.resolve("runs");
        Path runDir = Tasks.run(ConfigLoader.load(shipped, List.of("output.runs_dir=" + runs, "k=[4]",
                "methods=[kmeans]")), false);
        assertThat(runDir.getParent()).isEqualTo(runs);
        assertThat(runDir.getFileName().toString()).endsWith("-quantize_quick");
        assertThat(runDir.resolve("summary.json")).exists();
        assertThat(runDir.resolve("tiny_kmeans_k4.png")).exists();
    }
}
