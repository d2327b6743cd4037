package dev.latentlab.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latentlab.BadInputException;
import dev.latentlab.mixture.CovarianceType;
import dev.latentlab.quantize.QuantizeMethod;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QuantizeConfigTest {
    @TempDir
    Path dir;

    private QuantizeConfig bind(String yaml) throws IOException {
        Path file = dir.resolve("q.yaml");
        Files.writeString(file, yaml);
        return ConfigLoader.load(file).bind(QuantizeConfig.class);
    }

    @Test
    void defaultsFillMissingKeys() throws IOException {
        QuantizeConfig c = bind("task: quantize\n");
        assertThat(c.name()).isEqualTo("q");
        assertThat(c.methods()).containsExactly(QuantizeMethod.KMEANS, QuantizeMethod.MINIBATCH, QuantizeMethod.GMM,
                QuantizeMethod.RANDOM, QuantizeMethod.GMM_SAMPLE);
        assertThat(c.k()).containsExactly(16, 32, 64);
        assertThat(c.gmm().fitSample()).isEqualTo(10_000);
        assertThat(c.kmeans().fitSample()).isNull();
        assertThat(c.gmm().covariance()).isEqualTo(CovarianceType.FULL);
    }

    @Test
    void shippedConfigsBind() {
        for (String name : List.of("configs/quantize.yaml", "configs/quantize_quick.yaml")) {
            QuantizeConfig c = ConfigLoader.load(Path.of(name)).bind(QuantizeConfig.class);
            assertThat(c.task()).isEqualTo(QuantizeConfig.TASK);
        }
        QuantizeConfig full = ConfigLoader.load(Path.of("configs/quantize.yaml")).bind(QuantizeConfig.class);
        assertThat(full.images()).hasSize(2).allMatch(s -> s.endsWith("china.jpg") || s.endsWith("flower.jpg"));
        assertThat(full.k()).containsExactly(16, 32, 64);
    }

    @Test
    void badValuesNameTheirKey() throws IOException {
        assertThatThrownBy(() -> bind("task: quantize\nmethods: [kmeans, gmm, kmeans]\n"))
                .isInstanceOf(BadInputException.class).hasMessageContaining("methods[2] = \"kmeans\": expected each method once");
        assertThatThrownBy(() -> bind("task: quantize\nmethods: [kmean]\n"))
                .isInstanceOf(BadInputException.class).hasMessageContaining("methods[0]").hasMessageContaining("did you mean kmeans?");
        assertThatThrownBy(() -> bind("task: quantize\nk: [32, 16]\n"))
                .isInstanceOf(BadInputException.class).hasMessageContaining("k = [32, 16]");
        assertThatThrownBy(() -> bind("task: quantize\ngmm:\n  fit_sample: 10\n"))
                .isInstanceOf(BadInputException.class).hasMessageContaining("gmm.fit_sample = 10");
        assertThatThrownBy(() -> bind("task: quantize\nreport:\n  scatter_k: 12\n"))
                .isInstanceOf(BadInputException.class).hasMessageContaining("report.scatter_k = 12: expected null or a value listed in k [16, 32, 64]");
        assertThatThrownBy(() -> bind("task: quantize\nimages: []\n"))
                .isInstanceOf(BadInputException.class).hasMessageContaining("images");
    }
}
