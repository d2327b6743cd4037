package dev.latentlab.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latentlab.BadInputException;
import dev.latentlab.patches.DictionaryMethod;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    @TempDir
    Path dir;

    private Path write(String name, String yaml) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, yaml);
        return file;
    }

    private PatchDictionaryConfig bind(Path file) {
        return ConfigLoader.load(file).bind(PatchDictionaryConfig.class);
    }

    private void assertBindFails(String yaml, String expectedAfterFile) throws IOException {
        Path file = write("x.yaml", yaml);
        assertThatThrownBy(() -> bind(file)).isInstanceOf(BadInputException.class)
                .hasMessage(file + ": " + expectedAfterFile);
    }

    @Test
    void missingKeysTakeDefaultsAndNameDefaultsToFileBaseName() throws IOException {
        Path file = write("my_dict.yaml", "task: kmeans_patches\n");
        PatchDictionaryConfig config = bind(file);
        PatchDictionaryConfig d = PatchDictionaryConfig.DEFAULTS;
        assertThat(config).isEqualTo(new PatchDictionaryConfig(d.task(), "my_dict", d.seed(), d.methods(), d.data(),
                d.patches(), d.kmeans(), d.sparse(), d.spark(), d.report(), d.output()));
        assertThat(config.seed()).isEqualTo(42L);
        assertThat(config.data().trainLimit()).isNull();
        assertThat(config.kmeans().k()).containsExactly(100);
        assertThat(config.kmeans().tol()).isEqualTo(1.0e-4);
    }

    @Test
    void givenKeysOverrideDefaultsPerKeyWithinSections() throws IOException {
        Path file = write("x.yaml", """
                task: kmeans_patches
                name: patches.v2
                seed: 7
                data:
                  train_limit: 1000
                kmeans:
                  algorithm: minibatch
                  k: [50, 100, 200]
                  tol: 0
                report:
                  atlas_k: [100]
                """);
        PatchDictionaryConfig config = bind(file);
        assertThat(config.name()).isEqualTo("patches.v2");
        assertThat(config.seed()).isEqualTo(7L);
        assertThat(config.data()).isEqualTo(new PatchDictionaryConfig.Data("data/mnist", true, 1000, null));
        assertThat(config.kmeans().algorithm()).isEqualTo(DictionaryMethod.MINIBATCH);
        assertThat(config.kmeans().k()).containsExactly(50, 100, 200);
        assertThat(config.kmeans().tol()).isZero();
        assertThat(config.kmeans().maxIter()).isEqualTo(100);
        assertThat(config.report().atlasK()).containsExactly(100);
        assertThat(config.report().exampleDigits()).isEqualTo(8);
    }

    @Test
    void aSectionWithAllKeysCommentedOutKeepsItsDefaults() throws IOException {
        Path file = write("x.yaml", "task: kmeans_patches\nkmeans:\n  # k: [5]\npatches:\n");
        assertThat(bind(file).kmeans()).isEqualTo(PatchDictionaryConfig.KMeans.DEFAULTS);
    }

    @Test
    void aSingleValueIsAOneElementList() throws IOException {
        Path file = write("x.yaml", "task: kmeans_patches\nkmeans: {k: 64}\n");
        assertThat(bind(file).kmeans().k()).containsExactly(64);
    }

    @Test
    void unknownKeySuggestsTheClosestKnownKey() throws IOException {
        assertBindFails("task: kmeans_patches\nkmeans:\n  max_iters: 10\n",
                "unknown key kmeans.max_iters (did you mean kmeans.max_iter?)");
    }

    @Test
    void unknownKeyInCamelCaseSuggestsTheSnakeCaseKey() throws IOException {
        assertBindFails("task: kmeans_patches\nreport:\n  atlasK: [100]\n",
                "unknown key report.atlasK (did you mean report.atlas_k?)");
    }

    @Test
    void unknownTopLevelKeySuggestsTheClosestSection() throws IOException {
        assertBindFails("task: kmeans_patches\nkmean:\n  k: [5]\n", "unknown key kmean (did you mean kmeans?)");
    }

    @Test
    void unknownKeyWithNoCloseMatchListsTheValidKeys() throws IOException {
        assertBindFails("task: kmeans_patches\npatches:\n  overlap: true\n",
                "unknown key patches.overlap (valid keys in patches: size, stride, drop_blank, tiling)");
    }

    @Test
    void stringForAnIntegerIsRejected() throws IOException {
        assertBindFails("task: kmeans_patches\nkmeans:\n  max_iter: ten\n",
                "kmeans.max_iter = \"ten\": expected an integer");
    }

    @Test
    void quotedNumberForAnIntegerIsRejected() throws IOException {
        assertBindFails("task: kmeans_patches\nseed: '7'\n", "seed = \"7\": expected an integer");
    }

    @Test
    void floatForAnIntegerIsRejectedNotTruncated() throws IOException {
        assertBindFails("task: kmeans_patches\nkmeans:\n  max_iter: 10.5\n",
                "kmeans.max_iter = 10.5: expected an integer");
        assertBindFails("task: kmeans_patches\nkmeans:\n  k: [10, 20.0]\n",
                "kmeans.k[1] = 20.0: expected an integer");
    }

    @Test
    void nullForAPrimitiveIsRejected() throws IOException {
        assertBindFails("task: kmeans_patches\nseed: null\n", "seed = null: expected an integer");
        assertBindFails("task: kmeans_patches\npatches:\n  drop_blank: ~\n",
                "patches.drop_blank = null: expected true or false");
    }

    @Test
    void wrongShapesAreRejected() throws IOException {
        assertBindFails("task: kmeans_patches\nkmeans: 5\n", "kmeans = 5: expected a map");
        assertBindFails("task: kmeans_patches\ndata:\n  fetch: 1\n", "data.fetch = 1: expected true or false");
        assertBindFails("task: kmeans_patches\nkmeans:\n  algorithm: [lloyd]\n",
                "kmeans.algorithm = [\"lloyd\"]: expected one of lloyd, minibatch");
        assertBindFails("task: kmeans_patches\nkmeans:\n  k: [1, x]\n", "kmeans.k[1] = \"x\": expected an integer");
    }

    @Test
    void outOfRangeIntegerIsRejected() throws IOException {
        assertBindFails("task: kmeans_patches\nseed: 99999999999999999999\n",
                "seed = 99999999999999999999: expected an integer in range");
    }

    @Test
    void rangeErrorsNameTheFullKeyPathAndIndex() throws IOException {
        assertBindFails("task: kmeans_patches\nkmeans:\n  k: [10, 20, 30, 0]\n",
                "kmeans.k[3] = 0: expected an integer >= 1");
        assertBindFails("task: kmeans_patches\npatches:\n  size: 29\n",
                "patches.size = 29: expected an integer from 1 to 28");
        assertBindFails("task: kmeans_patches\nkmeans:\n  tol: -1.0e-3\n",
                "kmeans.tol = -0.001: expected a number >= 0");
        assertBindFails("task: kmeans_patches\ndata:\n  train_limit: 0\n",
                "data.train_limit = 0: expected null or an integer >= 1");
        assertBindFails("task: kmeans_patches\nkmeans:\n  k: []\n", "kmeans.k = []: expected a non-empty list");
        assertBindFails("task: kmeans_patches\nkmeans:\n  k: [100, 50]\n",
                "kmeans.k = [100, 50]: expected strictly increasing values (k[1] = 50 is not above 100)");
    }

    @Test
    void choicesSuggestTheClosestValue() throws IOException {
        assertBindFails("task: kmeans_patches\nkmeans:\n  algorithm: loyd\n",
                "kmeans.algorithm = \"loyd\": expected one of lloyd, minibatch (did you mean lloyd?)");
        assertBindFails("task: kmeans_patches\nkmeans:\n  init: forgy\n",
                "kmeans.init = \"forgy\": expected one of kmeans++, random");
    }

    @Test
    void badNamesAreRejected() throws IOException {
        assertBindFails("task: kmeans_patches\nname: my run\n",
                "name = \"my run\": expected a name of letters, digits, '_', '.', '-'");
        assertBindFails("task: kmeans_patches\nname: ..\n",
                "name = \"..\": expected a name of letters, digits, '_', '.', '-'");
    }

    @Test
    void crossSectionCheckNamesReportAtlasK() throws IOException {
        assertBindFails("task: kmeans_patches\nkmeans:\n  k: [100, 200]\nreport:\n  atlas_k: [200, 300]\n",
                "report.atlas_k[1] = 300: expected a value listed in kmeans.k [100, 200]");
    }

    @Test
    void samplesSmallerThanTheLargestKAreRejected() throws IOException {
        assertBindFails("task: kmeans_patches\nkmeans:\n  k: [100, 1000]\n  init_sample: 500\n",
                "kmeans.init_sample = 500: expected an integer >= the largest k (1000)");
    }

    @Test
    void duplicateKeysAreRejectedWithLineColumnAndPath() throws IOException {
        Path file = write("x.yaml", "task: kmeans_patches\nkmeans:\n  k: [5]\n  k: [6]\n");
        assertThatThrownBy(() -> ConfigLoader.load(file)).isInstanceOf(BadInputException.class)
                .hasMessage(file + ":4:4: duplicate key kmeans.k");
    }

    @Test
    void yamlSyntaxErrorsGiveLineAndColumnOnOneLine() throws IOException {
        Path file = write("x.yaml", "task: kmeans_patches\nkmeans:\n  k: [5, 6\n");
        assertThatThrownBy(() -> ConfigLoader.load(file)).isInstanceOf(BadInputException.class)
                .hasMessageStartingWith(file + ":4:1: invalid YAML: expected ',' or ']', but got")
                .hasMessageNotContaining("\n");
        Path tabs = write("tabs.yaml", "task: kmeans_patches\nkmeans:\n\tk: [5]\n");
        assertThatThrownBy(() -> ConfigLoader.load(tabs)).isInstanceOf(BadInputException.class)
                .hasMessageStartingWith(tabs + ":3:1: invalid YAML: found character '\\t(TAB)'")
                .hasMessageNotContaining("\n");
    }

    @Test
    void aSecondDocumentIsRejected() throws IOException {
        Path file = write("x.yaml", "task: kmeans_patches\n---\nseed: 1\n");
        assertThatThrownBy(() -> ConfigLoader.load(file)).isInstanceOf(BadInputException.class)
                .hasMessage(file + ":3:1: a second YAML document (---) found; a config holds one");
    }

    @Test
    void emptyAndNonMapFilesAreRejected() throws IOException {
        Path empty = write("empty.yaml", "# nothing yet\n");
        assertThatThrownBy(() -> ConfigLoader.load(empty)).isInstanceOf(BadInputException.class)
                .hasMessage(empty + ": the config is empty (expected a map of keys, starting with task:)");
        Path list = write("list.yaml", "- 1\n- 2\n");
        assertThatThrownBy(() -> ConfigLoader.load(list)).isInstanceOf(BadInputException.class)
                .hasMessage(list + ": expected a map of keys at the top level, found a list");
    }

    @Test
    void missingFileIsReported() {
        Path file = Path.of("configs", "nope.yaml");
        assertThatThrownBy(() -> ConfigLoader.load(file, List.of())).isInstanceOf(BadInputException.class)
                .hasMessage("configs/nope.yaml: config file not found");
    }

    @Test
    void taskIsReadFromTheRoot() throws IOException {
        Path file = write("x.yaml", "task: kmeans_patches\n");
        assertThat(ConfigLoader.load(file).task()).isEqualTo("kmeans_patches");
        assertThat(ConfigLoader.load(file).task(List.of("vae", "kmeans_patches"))).isEqualTo("kmeans_patches");
    }

    @Test
    void missingTaskIsReportedWithTheKnownTasks() throws IOException {
        Path file = write("x.yaml", "seed: 1\n");
        assertThatThrownBy(() -> ConfigLoader.load(file).task()).isInstanceOf(BadInputException.class)
                .hasMessage(file + ": missing key task");
        assertThatThrownBy(() -> ConfigLoader.load(file).task(List.of("vae", "kmeans_patches")))
                .isInstanceOf(BadInputException.class)
                .hasMessage(file + ": missing key task (expected one of vae, kmeans_patches)");
    }

    @Test
    void unknownTaskSuggestsTheClosest() throws IOException {
        Path file = write("x.yaml", "task: kmeans_patch\n");
        assertThatThrownBy(() -> ConfigLoader.load(file).task(List.of("vae", "kmeans_patches")))
                .isInstanceOf(BadInputException.class)
                .hasMessage(file + ": task = \"kmeans_patch\": expected one of vae, kmeans_patches"
                        + " (did you mean kmeans_patches?)");
        Path number = write("n.yaml", "task: 5\n");
        assertThatThrownBy(() -> ConfigLoader.load(number).task()).isInstanceOf(BadInputException.class)
                .hasMessage(number + ": task = 5: expected a string");
    }

    @Test
    void bindingTheWrongTaskIsRejected() throws IOException {
        assertBindFails("task: vae\n", "task = \"vae\": expected kmeans_patches");
    }

    /** A record whose constructor fails without a Check: a bug, not a user mistake. */
    public record Careless(String dir) {
        public static final Careless DEFAULTS = new Careless("x");

        public Careless {
            dir.length();
        }
    }

    /** A record that forgot its DEFAULTS. */
    public record NoDefaults(int n) {
    }

    @Test
    void recordsThatBreakThePatternAreProgrammingErrors() throws IOException {
        Path file = write("x.yaml", "dir: null\n");
        assertThatThrownBy(() -> ConfigLoader.load(file).bind(Careless.class))
                .isInstanceOf(IllegalStateException.class).hasRootCauseInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> ConfigLoader.load(file).bind(NoDefaults.class))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("must declare public static final");
    }
}
