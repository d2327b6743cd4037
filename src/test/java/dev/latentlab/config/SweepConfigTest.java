package dev.latentlab.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latentlab.BadInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SweepConfigTest {
    @TempDir
    Path tmp;

    private SweepConfig bind(String yaml) throws IOException {
        Path file = Files.writeString(tmp.resolve("s.yaml"), yaml);
        return ConfigLoader.load(file).bind(SweepConfig.class);
    }

    @Test
    void eachSpaceKindBindsInOrderAndWritesBackAsWritten() throws IOException {
        SweepConfig c = bind("""
                task: sweep
                base: vae_148.yaml
                overrides: {train.epochs: 3, data: {train_limit: 100}}
                parameters:
                  model.beta: {values: [0.5, 1, two]}
                  gmm.n_init: {int_range: [1, 5]}
                  train.learning_rate: {log_uniform: [1.0e-4, 1.0e-2]}
                  model.dropout: {uniform: [0, 0.5]}
                """);
        assertThat(c.name()).isEqualTo("s");
        assertThat(c.parameters().keySet()).containsExactly("model.beta", "gmm.n_init", "train.learning_rate",
                "model.dropout");
        assertThat(c.parameters().get("model.beta").values()).containsExactly(0.5, 1, "two");
        assertThat(c.parameters().get("gmm.n_init").intRange()).containsExactly(1, 5);
        assertThat(c.parameters().get("train.learning_rate").logUniform()).containsExactly(1e-4, 1e-2);
        assertThat(c.parameters().get("model.dropout").uniform()).containsExactly(0.0, 0.5);
        assertThat(c.requireComplete()).isNull();
        String yaml = ConfigYaml.toYaml(c);
        assertThat(yaml).contains("model.beta:").contains("int_range:");
        Path again = Files.writeString(tmp.resolve("again.yaml"), yaml);
        assertThat(ConfigLoader.load(again).bind(SweepConfig.class)).isEqualTo(c);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{valuez: [1, 2]}|parameters.kmeans.k.valuez = [1, 2]: expected one of the keys values, int_range",
            "{values: [1]}|parameters.kmeans.k.values = [1]: expected at least two distinct values",
            "{values: [3, 3]}|parameters.kmeans.k.values = [3, 3]: expected at least two distinct values",
            "{int_range: [5, 2]}|parameters.kmeans.k.int_range = [5, 2]: expected [min, max], integers, min < max",
            "{int_range: [1.5, 2]}|parameters.kmeans.k.int_range = [1.5, 2]: expected [min, max], integers",
            "{uniform: [0, 1], values: [1, 2]}|parameters.kmeans.k = \"a map with values and uniform\": expected exactly one",
            "{}|parameters.kmeans.k = {}: expected exactly one of values, int_range, uniform, log_uniform",
            "7|parameters.kmeans.k = 7: expected a map",
            "{log_uniform: [0, 1]}|parameters.kmeans.k.log_uniform = [0.0, 1.0]: expected [min, max] with 0 < min < max"})
    void aBadSpaceIsOneLineNamingItsKeyPath(String space, String message) {
        assertThatThrownBy(() -> bind("task: sweep\nbase: b.yaml\nparameters:\n  kmeans.k: " + space + "\n"))
                .isInstanceOf(BadInputException.class).hasMessageContaining(message);
    }

    @Test
    void searchAndOverrideRules() {
        assertThatThrownBy(() -> bind("task: sweep\nbase: b.yaml\nparameters: {k: {values: [1, 2]}}\n"
                + "search: {method: random}\n")).isInstanceOf(BadInputException.class)
                .hasMessageContaining("search.max_candidates = null: expected an integer >= 1 with method random");
        assertThatThrownBy(() -> bind("task: sweep\nbase: b.yaml\nparameters: {k: {values: [1, 2]}}\n"
                + "overrides: {k: 3}\n")).isInstanceOf(BadInputException.class)
                .hasMessageContaining("overrides.k = 3: expected no fixed value for a swept parameter");
        assertThatThrownBy(() -> bind("task: sweep\nbase: b.yaml\nparameters: {k: {values: [1, 2]}}\n"
                + "objective: {metric: 'a b', direction: minimize}\n")).isInstanceOf(BadInputException.class)
                .hasMessageContaining("objective.metric");
        assertThatThrownBy(() -> bind("task: sweep\nbase: b.yaml\nparameters: {k: {values: [1, 2]}}\n"
                + "objective: {direction: up}\n")).isInstanceOf(BadInputException.class)
                .hasMessageEndingWith("objective.direction = \"up\": expected one of maximize, minimize");
    }

    @Test
    void baseAndParametersHaveNoDefault() throws IOException {
        assertThat(bind("task: sweep\nparameters: {k: {values: [1, 2]}}\n").requireComplete())
                .startsWith("missing key base");
        assertThat(bind("task: sweep\nbase: b.yaml\n").requireComplete()).startsWith("missing key parameters");
        assertThat(SweepConfig.DEFAULTS.parameters()).isEmpty();
        assertThat(SweepConfig.Search.DEFAULTS.method()).isEqualTo(SweepConfig.Method.GRID);
    }
}
