package dev.latentlab.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latentlab.BadInputException;
import dev.latentlab.patches.DictionaryMethod;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OverridesTest {
    @TempDir
    Path dir;
    Path file;

    @BeforeEach
    void writeConfig() throws IOException {
        file = dir.resolve("x.yaml");
        Files.writeString(file, """
                task: kmeans_patches
                seed: 1
                data:
                  train_limit: 500
                kmeans:
                  k: [10]
                """);
    }

    private PatchDictionaryConfig bind(String... overrides) {
        return ConfigLoader.load(file, List.of(overrides)).bind(PatchDictionaryConfig.class);
    }

    @Test
    void scalarListAndNullValues() {
        PatchDictionaryConfig config = bind("seed=7", "kmeans.k=[100,200]", "data.train_limit=null",
                "kmeans.algorithm=minibatch", "kmeans.tol=1e-3");
        assertThat(config.seed()).isEqualTo(7L);
        assertThat(config.kmeans().k()).containsExactly(100, 200);
        assertThat(config.data().trainLimit()).isNull();
        assertThat(config.kmeans().algorithm()).isEqualTo(DictionaryMethod.MINIBATCH);
        assertThat(config.kmeans().tol()).isEqualTo(1e-3);
    }

    @Test
    void laterOverridesWinAndMapsMergeWithTheFile() {
        PatchDictionaryConfig config = bind("seed=7", "seed=8", "kmeans={max_iter: 5}");
        assertThat(config.seed()).isEqualTo(8L);
        assertThat(config.kmeans().maxIter()).isEqualTo(5);
        assertThat(config.kmeans().k()).containsExactly(100); // the whole kmeans map was replaced, then defaulted
    }

    @Test
    void aPathThroughAMissingMapCreatesIt() {
        PatchDictionaryConfig config = bind("report.example_digits=3", "patches.size=7");
        assertThat(config.report().exampleDigits()).isEqualTo(3);
        assertThat(config.patches().size()).isEqualTo(7);
        assertThat(ConfigLoader.load(file, List.of("a.b.c=1")).tree().at("/a/b/c").intValue()).isEqualTo(1);
    }

    @Test
    void overridesCanSetTheTask() {
        assertThat(ConfigLoader.load(file, List.of("task=vae")).task()).isEqualTo("vae");
    }

    @Test
    void aPathIntoAScalarIsRejected() {
        assertThatThrownBy(() -> ConfigLoader.load(file, List.of("seed.x=1"))).isInstanceOf(BadInputException.class)
                .hasMessage("--set seed.x=1: seed is not a map");
        assertThatThrownBy(() -> ConfigLoader.load(file, List.of("kmeans.k.first=1")))
                .isInstanceOf(BadInputException.class).hasMessage("--set kmeans.k.first=1: kmeans.k is not a map");
        assertThatThrownBy(() -> ConfigLoader.load(file, List.of("data.train_limit.x.y=1")))
                .isInstanceOf(BadInputException.class)
                .hasMessage("--set data.train_limit.x.y=1: data.train_limit is not a map");
    }

    @Test
    void malformedOverridesAreRejected() {
        assertThatThrownBy(() -> ConfigLoader.load(file, List.of("foo"))).isInstanceOf(BadInputException.class)
                .hasMessage("--set foo: expected key=value, e.g. --set kmeans.max_iter=50");
        assertThatThrownBy(() -> ConfigLoader.load(file, List.of("=5"))).isInstanceOf(BadInputException.class)
                .hasMessage("--set =5: malformed key \"\" (expected a dotted path like kmeans.max_iter)");
        assertThatThrownBy(() -> ConfigLoader.load(file, List.of("kmeans..k=5")))
                .isInstanceOf(BadInputException.class)
                .hasMessage("--set kmeans..k=5: malformed key \"kmeans..k\" (expected a dotted path like kmeans.max_iter)");
        assertThatThrownBy(() -> ConfigLoader.load(file, List.of("seed="))).isInstanceOf(BadInputException.class)
                .hasMessage("--set seed=: missing value after '=' (write null for null, \"\" for an empty string)");
        assertThatThrownBy(() -> ConfigLoader.load(file, List.of("kmeans.k=[1,2")))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("--set kmeans.k=[1,2: invalid YAML: expected ',' or ']'")
                .hasMessageNotContaining("\n");
    }

    @Test
    void anUnknownKeyFromAnOverrideNamesTheOverride() {
        assertThatThrownBy(() -> bind("kmeans.max_iters=5")).isInstanceOf(BadInputException.class)
                .hasMessage("--set kmeans.max_iters=5: unknown key kmeans.max_iters (did you mean kmeans.max_iter?)");
    }

    @Test
    void aBadValueFromAnOverrideNamesTheOverrideAndTheFullKey() {
        assertThatThrownBy(() -> bind("kmeans.k=[5, 0]")).isInstanceOf(BadInputException.class)
                .hasMessage("--set kmeans.k=[5, 0]: kmeans.k[1] = 0: expected an integer >= 1");
        assertThatThrownBy(() -> bind("seed=ten")).isInstanceOf(BadInputException.class)
                .hasMessage("--set seed=ten: seed = \"ten\": expected an integer");
        assertThatThrownBy(() -> bind("patches={size: 0}")).isInstanceOf(BadInputException.class)
                .hasMessage("--set patches={size: 0}: patches.size = 0: expected an integer from 1 to 28");
    }

    @Test
    void errorsInKeysNotOverriddenNameTheFile() throws IOException {
        Files.writeString(file, "task: kmeans_patches\nkmeans:\n  k: [0]\n");
        assertThatThrownBy(() -> bind("seed=3", "kmeans.max_iter=5")).isInstanceOf(BadInputException.class)
                .hasMessage(file + ": kmeans.k[0] = 0: expected an integer >= 1");
    }

    @Test
    void aCrossSectionErrorNamesTheOverrideOfTheReportedKey() {
        assertThatThrownBy(() -> bind("kmeans.k=[20]", "report.atlas_k=[10]")).isInstanceOf(BadInputException.class)
                .hasMessage("--set report.atlas_k=[10]: report.atlas_k[0] = 10: expected a value listed in kmeans.k [20]");
    }
}
