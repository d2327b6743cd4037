package dev.latentlab.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.latentlab.config.ConfigLoader;
import dev.latentlab.config.LoadedConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every config in configs/ loads and binds to its task's record (keys, values and cross-key rules), so that a
 * shipped config a test never runs (the long ones: n2d_digits, n2d_fashion, n2d_digits_70k, vae_digits, …) cannot
 * carry a typo or a refused combination into a user's first run.
 */
class ShippedConfigsBindTest {
    @Test
    void everyShippedConfigBindsToItsTask() throws IOException {
        List<Path> configs;
        try (Stream<Path> s = Files.list(Path.of("configs"))) {
            configs = s.filter(p -> p.getFileName().toString().endsWith(".yaml")).sorted().toList();
        }
        assertThat(configs).extracting(p -> p.getFileName().toString())
                .contains("vae_148.yaml", "n2d_digits.yaml", "n2d_fashion.yaml", "kmeans_quick.yaml");
        for (Path config : configs) {
            assertThatCode(() -> {
                LoadedConfig loaded = ConfigLoader.load(config);
                Tasks.boundToTask(loaded);
            }).as(config.toString()).doesNotThrowAnyException();
        }
    }
}
