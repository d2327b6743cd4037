package dev.latentlab.task.dictionary;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PatchDictionaryFiguresTest {
    @Test
    void captionsNameTheMethodAndK() {
        assertThat(PatchDictionaryFigures.caption("atlas_k64.png")).isEqualTo(
                "The dictionary's patches (K = 64), the most used first.");
        assertThat(PatchDictionaryFigures.caption("patch_examples_sparse_k32.png")).endsWith("sparse, K = 32.");
        assertThat(PatchDictionaryFigures.caption("code_weights_sparse_k16.png")).startsWith(
                "One test patch's sparse code (sparse, K = 16)");
        assertThat(PatchDictionaryFigures.caption("mse_vs_iteration_minibatch.png")).startsWith(
                "Training MSE after each iteration of minibatch");
        assertThat(PatchDictionaryFigures.caption(PatchDictionaryFigures.MSE_VS_K)).contains("elbow");
        assertThat(PatchDictionaryFigures.caption("loss.png")).isNull();
    }
}
