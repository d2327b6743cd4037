package dev.latentlab.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latentlab.BadInputException;
import dev.latentlab.mixture.GmmOptions;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class GmmKeysTest {
    @Test
    void shippedConfigsBindWithScikitLearnsDefaultInit() {
        assertThat(ConfigLoader.load(Path.of("configs/vae_148.yaml")).bind(VaeGmmConfig.class).gmm().init())
                .isEqualTo(GmmOptions.Init.KMEANS);
        assertThat(ConfigLoader.load(Path.of("configs/latent_gmm.yaml")).bind(LatentGmmConfig.class).gmm().init())
                .isEqualTo(GmmOptions.Init.KMEANS);
        assertThat(ConfigLoader.load(Path.of("configs/quantize.yaml")).bind(QuantizeConfig.class).gmm().init())
                .isEqualTo(GmmOptions.Init.KMEANS);
        assertThat(VaeGmmConfig.Gmm.DEFAULTS.init()).isEqualTo(GmmOptions.Init.KMEANS);
        assertThat(VaeGmmConfig.Gmm.DEFAULTS.warmStart()).isFalse();
        SweepConfig seeds = ConfigLoader.load(Path.of("configs/seeds_vae_148_quick.yaml")).bind(SweepConfig.class);
        assertThat(seeds.parameters().get("seed").values()).containsExactly(1, 2, 3);
    }

    @Test
    void everyScikitLearnInitIsAcceptedAndAnythingElseNamedInOneLine() {
        for (GmmOptions.Init init : GmmOptions.Init.values()) {
            assertThat(ConfigLoader.load(Path.of("configs/latent_gmm.yaml"), List.of("gmm.init=" + init.sklearnName()))
                    .bind(LatentGmmConfig.class).gmm().init()).isEqualTo(init);
            assertThat(ConfigLoader.load(Path.of("configs/quantize.yaml"), List.of("gmm.init=" + init.sklearnName()))
                    .bind(QuantizeConfig.class).gmm().init()).isEqualTo(init);
        }
        assertThatThrownBy(() -> ConfigLoader.load(Path.of("configs/vae_148.yaml"), List.of("gmm.init=kmeans++"))
                .bind(VaeGmmConfig.class)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("gmm.init").hasMessageContaining("kmeans++").hasMessageContaining("k-means++");
    }
}
