package dev.latentlab.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latentlab.BadInputException;
import dev.latentlab.patches.DictionaryMethod;
import dev.latentlab.patches.Tiling;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The method-comparison keys of kmeans_patches: methods, sparse, patches.tiling and the new report keys. */
class PatchMethodsConfigTest {
    @TempDir
    Path tmp;

    private PatchDictionaryConfig bind(String yaml) throws IOException {
        Path file = Files.writeString(tmp.resolve("x.yaml"), "task: kmeans_patches\n" + yaml);
        return ConfigLoader.load(file).bind(PatchDictionaryConfig.class);
    }

    private void assertBindFails(String yaml, String expectedAfterFile) {
        assertThatThrownBy(() -> bind(yaml)).isInstanceOf(BadInputException.class)
                .hasMessage(tmp.resolve("x.yaml") + ": " + expectedAfterFile);
    }

    @Test
    void aConfigWithoutTheNewKeysRunsOneKMeansMethodWithOverlappingTiles() throws IOException {
        PatchDictionaryConfig config = bind("kmeans: {algorithm: minibatch}\n");
        assertThat(config.methods()).isNull();
        assertThat(config.patches().tiling()).isEqualTo(Tiling.OVERLAP);
        assertThat(config.sparse()).isEqualTo(PatchDictionaryConfig.Sparse.DEFAULTS);
        assertThat(config.report().novelImages()).isEmpty();
        assertThat(config.report().codeK()).isNull();
    }

    @Test
    void theShippedMethodConfigsBind() throws IOException {
        for (String name : new String[] {"patch_methods.yaml", "patch_methods_quick.yaml"}) {
            PatchDictionaryConfig config = ConfigLoader.load(Path.of("configs", name)).bind(PatchDictionaryConfig.class);
            assertThat(config.methods()).as(name).containsExactly(DictionaryMethod.LLOYD, DictionaryMethod.MINIBATCH,
                    DictionaryMethod.SPARSE);
            assertThat(config.patches().tiling()).as(name).isEqualTo(Tiling.PADDED);
            assertThat(config.report().novelImages()).as(name).hasSize(6);
            for (String image : config.report().novelImages()) {
                assertThat(Path.of(image)).as(name).isRegularFile();
            }
        }
    }

    @Test
    void tilingIsOverlapOrPadded() throws IOException {
        assertThat(bind("patches: {tiling: padded}\n").patches().tiling()).isEqualTo(Tiling.PADDED);
        assertBindFails("patches: {tiling: paded}\n",
                "patches.tiling = \"paded\": expected one of overlap, padded (did you mean padded?)");
        assertBindFails("patches: {tiling: 3}\n", "patches.tiling = \"3\": expected one of overlap, padded");
    }

    @Test
    void methodsAreKnownAndListedOnce() throws IOException {
        assertThat(bind("methods: sparse\n").methods()).containsExactly(DictionaryMethod.SPARSE);
        assertBindFails("methods: [lloyd, sprase]\n",
                "methods[1] = \"sprase\": expected one of lloyd, minibatch, sparse (did you mean sparse?)");
        assertBindFails("methods: [lloyd, lloyd]\n", "methods[1] = \"lloyd\": expected each method once");
        assertBindFails("methods: []\n", "methods = []: expected a non-empty list");
    }

    @Test
    void sparseKeysAreChecked() throws IOException {
        PatchDictionaryConfig config = bind("sparse: {k: [4, 8], non_zeros: 3}\nreport: {atlas_k: [4, 100], code_k: 8}\n");
        assertThat(config.sparse().k()).containsExactly(4, 8);
        assertThat(config.sparse().nonZeros()).isEqualTo(3);
        assertBindFails("sparse: {non_zeros: 26}\n",
                "sparse.non_zeros = 26: expected an integer from 1 to 25 (the pixels of a patch)");
        assertBindFails("sparse: {non_zeros: 0}\n", "sparse.non_zeros = 0: expected an integer >= 1");
        assertBindFails("sparse: {k: [8, 4]}\n",
                "sparse.k = [8, 4]: expected strictly increasing values (k[1] = 4 is not above 8)");
        assertBindFails("report: {code_k: 64}\n", "report.code_k = 64: expected null or a value listed in kmeans.k [100]");
        assertBindFails("sparse: {k: [4]}\nreport: {atlas_k: [8]}\n",
                "report.atlas_k[0] = 8: expected a value listed in kmeans.k or sparse.k [100, 4]");
        assertBindFails("methods: [sparse]\nsparse: {k: [500]}\nkmeans: {fit_sample: 300}\n",
                "kmeans.fit_sample = 300: expected null or an integer >= the largest sparse.k (500)");
    }

    @Test
    void reportKeysAreChecked() {
        assertBindFails("report: {code_patch: -1}\n", "report.code_patch = -1: expected null or an integer >= 0");
        assertBindFails("report: {novel_images: ['']}\n", "report.novel_images[0] = \"\": expected a non-empty string");
    }
}
