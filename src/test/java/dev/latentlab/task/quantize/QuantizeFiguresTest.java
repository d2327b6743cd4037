package dev.latentlab.task.quantize;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QuantizeFiguresTest {
    @Test
    void captionsNameThePictureTheMethodAndK() {
        assertThat(QuantizeFigures.caption("my_photo_kmeans_k16.png")).isEqualTo("my_photo reduced to 16 colours by kmeans.");
        assertThat(QuantizeFigures.caption("tiny_gmm_sample_k4.png")).isEqualTo("tiny reduced to 4 colours by gmm_sample.");
        assertThat(QuantizeFigures.caption("tiny_scatter_gmm_k16.png")).startsWith("tiny, gmm, K = 16: a sample of pixels");
        assertThat(QuantizeFigures.caption("china_side_by_side.png")).startsWith("china: the original (top)");
        assertThat(QuantizeFigures.caption("notes.png")).isNull();
    }
}
