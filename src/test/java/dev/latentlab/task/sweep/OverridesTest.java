package dev.latentlab.task.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latentlab.config.ConfigLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OverridesTest {

    @Test
    void nestedMapsBecomeDottedKeysAndValuesJson() {
        Map<String, Object> train = new LinkedHashMap<>();
        train.put("epochs", 5);
        train.put("learning_rate", 1.0e-4);
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("train", train);
        values.put("model.beta", 0.5);
        values.put("kmeans.k", List.of(100, 200));
        values.put("kmeans.algorithm", "minibatch");
        values.put("data.train_limit", null);
        assertThat(Overrides.arguments(values)).containsExactly("train.epochs=5", "train.learning_rate=1.0E-4",
                "model.beta=0.5", "kmeans.k=[100,200]", "kmeans.algorithm=\"minibatch\"", "data.train_limit=null");
    }

    @Test
    void argumentsApplyThroughTheConfigLoaderAsTheCliWould(@TempDir Path tmp) throws IOException {
        Path base = Files.writeString(tmp.resolve("base.yaml"),
                "task: t\ntrain:\n  epochs: 100\n  batch_size: 128\nkmeans:\n  k: [5]\n");
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("train", Map.of("epochs", 3));
        values.put("kmeans.k", 64);
        values.put("name", "yes");
        var tree = ConfigLoader.load(base, Overrides.arguments(values)).tree();
        assertThat(tree.at("/train/epochs").intValue()).isEqualTo(3);
        assertThat(tree.at("/train/batch_size").intValue()).as("siblings kept").isEqualTo(128);
        assertThat(tree.at("/kmeans/k").intValue()).isEqualTo(64);
        assertThat(tree.at("/name").textValue()).as("a string stays a string").isEqualTo("yes");
    }
}
