package dev.latentlab.vae;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class VaeArchitectureTest {
    @Test
    void defaultIsTheSeedsNetwork() {
        VaeArchitecture a = VaeArchitecture.DEFAULT;
        assertThat(a.layers()).isEqualTo(5);
        assertThat(a.heightAfter(4)).isEqualTo(7);
        assertThat(a.widthAfter(1)).isEqualTo(14);
        assertThat(a.flatFeatures()).isEqualTo(256 * 7 * 7);
        assertThat(a.channelsAfter(-1)).isEqualTo(1);
        assertThat(a.keepProbability()).isEqualTo(0.8);
        assertThat(a.imageSize()).isEqualTo(784);
    }

    @Test
    void rejectsStridesThatCannotBeMirrored() {
        assertThatThrownBy(() -> arch(List.of(8, 8, 8), List.of(2, 2, 2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("layer 2").hasMessageContaining("7x7");
        assertThatThrownBy(() -> arch(List.of(8), List.of(3))).hasMessageContaining("1 or 2");
        assertThatThrownBy(() -> arch(List.of(8, 8), List.of(1))).hasMessageContaining("one stride per encoder layer");
    }

    @Test
    void rejectsBadValues() {
        assertThatThrownBy(() -> arch(List.of(), List.of())).hasMessageContaining("at least one layer");
        assertThatThrownBy(() -> arch(List.of(0), List.of(1))).hasMessageContaining("encoder_channels");
        assertThatThrownBy(() -> VaeArchitecture.DEFAULT.withLatentDim(0)).hasMessageContaining("latent_dim");
        assertThatThrownBy(() -> new VaeArchitecture(28, 28, 1, List.of(8), List.of(1), 16, 2, 1.0, 0.5))
                .hasMessageContaining("dropout");
        assertThatThrownBy(() -> new VaeArchitecture(28, 28, 1, List.of(8), List.of(1), 16, 2, 0.2, Double.NaN))
                .hasMessageContaining("beta");
    }

    private static VaeArchitecture arch(List<Integer> widths, List<Integer> strides) {
        return new VaeArchitecture(28, 28, 1, widths, strides, 16, 2, 0.2, 0.5);
    }
}
