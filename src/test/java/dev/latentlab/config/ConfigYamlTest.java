package dev.latentlab.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigYamlTest {
    @TempDir
    Path dir;

    private PatchDictionaryConfig reload(PatchDictionaryConfig config) throws IOException {
        Path file = dir.resolve("config.yaml");
        Files.writeString(file, ConfigYaml.toYaml(config));
        return ConfigLoader.load(file).bind(PatchDictionaryConfig.class);
    }

    @Test
    void defaultsRoundTrip() throws IOException {
        assertThat(reload(PatchDictionaryConfig.DEFAULTS)).isEqualTo(PatchDictionaryConfig.DEFAULTS);
    }

    @Test
    void aLoadedConfigWithOverridesRoundTrip() throws IOException {
        Path source = dir.resolve("source.yaml");
        Files.writeString(source, "task: kmeans_patches\nname: '123'\ndata: {dir: 'null', train_limit: 100}\n");
        PatchDictionaryConfig config = ConfigLoader.load(source, List.of("kmeans.k=[8, 16, 32]", "kmeans.tol=2.5e-7",
                "report.atlas_k=[16]", "output.runs_dir=true", "kmeans.init=random", "seed=-3")).bind(PatchDictionaryConfig.class);
        assertThat(config.name()).isEqualTo("123");
        assertThat(config.data().dir()).isEqualTo("null");
        assertThat(config.output().runsDir()).isEqualTo("true");
        assertThat(reload(config)).isEqualTo(config);
    }

    @Test
    void writesSnakeCaseKeysWithEveryDefault() {
        String yaml = ConfigYaml.toYaml(PatchDictionaryConfig.DEFAULTS);
        assertThat(yaml).startsWith("task: kmeans_patches\nname: kmeans_patches\nseed: 42\n")
                .contains("  train_limit: null\n", "  drop_blank: true\n", "  max_no_improvement: 10\n",
                        "  init: kmeans++\n", "  atlas_k: []\n", "  save_model: true\n")
                .doesNotContain("trainLimit", "---");
    }
}
