package dev.latentlab.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latentlab.BadInputException;
import dev.latentlab.vae.ReconstructionLoss;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** vae_gmm's model.type: the defaults each type takes, the keys of the other type refused, resolved configs. */
class ModelTypeKeysTest {
    @TempDir
    Path dir;

    private VaeGmmConfig bind(String yaml) throws IOException {
        return new VaeGmmYaml(dir.resolve("m.yaml")).bind(yaml);
    }

    private void assertRefused(String yaml, String message) throws IOException {
        new VaeGmmYaml(dir.resolve("m.yaml")).assertRefused(yaml, message);
    }

    @Test
    void convIsTheDefaultAndHasNoLayers() throws IOException {
        VaeGmmConfig.Model m = bind("").model();
        assertThat(m.type()).isEqualTo(VaeGmmConfig.ModelType.CONV);
        assertThat(m.usesConv()).isTrue();
        assertThat(m.channels()).containsExactly(32, 64, 128, 128, 256);
        assertThat(m.dense()).isEqualTo(512);
        assertThat(m.layers()).isNull();
        assertThat(m.variational()).isTrue();
        assertThat(m.loss()).isEqualTo(ReconstructionLoss.BCE);
        assertThat(m).isEqualTo(VaeGmmConfig.Model.DEFAULTS);
    }

    @Test
    void denseTakesItsOwnDefaultsAndLeavesTheConvKeysUnset() throws IOException {
        VaeGmmConfig.Model vae = bind("model:\n  type: dense\n").model();
        assertThat(vae).isEqualTo(VaeGmmConfig.Model.DENSE_DEFAULTS);
        assertThat(vae.channels()).isNull();
        assertThat(vae.strides()).isNull();
        assertThat(vae.dense()).isNull();
        assertThat(vae.layers()).containsExactly(500, 500, 2000);
        assertThat(vae.dropout()).isZero();
        assertThat(vae.beta()).isEqualTo(0.5);

        VaeGmmConfig.Model plain = bind("model:\n  type: dense\n  variational: false\n  loss: mse\n").model();
        assertThat(plain.beta()).isZero();
        assertThat(plain.variational()).isFalse();
        assertThat(plain.loss()).isEqualTo(ReconstructionLoss.MSE);
    }

    @Test
    void aResolvedDenseConfigLoadsAgainToTheSameRecord() throws IOException {
        VaeGmmConfig config = bind("model:\n  type: dense\n  layers: [64, 32]\n  variational: false\n");
        String yaml = ConfigYaml.toYaml(config);
        assertThat(yaml).contains("channels: null").contains("type: dense");
        Path again = Files.writeString(dir.resolve("resolved.yaml"), yaml);
        assertThat(ConfigLoader.load(again).bind(VaeGmmConfig.class)).isEqualTo(config);
    }

    @Test
    void theBadSettingsAreRefusedNamingTheKey() throws IOException {
        assertRefused("model:\n  type: dense\n  layers: []\n", "model.layers = []: expected a non-empty list");
        assertRefused("model:\n  type: dense\n  layers: [500, 0]\n", "model.layers[1] = 0: expected an integer >= 1");
        assertRefused("model:\n  type: dense\n  channels: [4, 8]\n", "model.channels = [4, 8]: expected null (unset) "
                + "with model.type dense (channels, strides and dense shape the conv model; layers the dense one)");
        assertRefused("model:\n  type: dense\n  dense: 16\n", "model.dense = 16: expected null (unset) with "
                + "model.type dense (channels, strides and dense shape the conv model; layers the dense one)");
        assertRefused("model:\n  type: dense\n  variational: false\n  beta: 0.5\n", "model.beta = 0.5: expected 0 "
                + "with model.variational false (a plain autoencoder has no KL term)");
        assertRefused("model:\n  variational: false\n", "model.variational = false: expected true with model.type "
                + "conv (the conv model is a VAE; model.type: dense for a plain autoencoder)");
        assertRefused("model:\n  loss: mse\n", "model.loss = \"mse\": expected bce with model.type conv (mse: "
                + "model.type dense)");
        assertRefused("model:\n  layers: [10]\n", "model.layers = [10]: expected null (unset) with model.type conv "
                + "(layers shape the dense model)");
        assertRefused("model:\n  type: dense\n  decoder_dropout: 0.1\n", "model.decoder_dropout = 0.1: expected 0 "
                + "with model.type dense (model.dropout drops units of the encoder's hidden layers)");
        assertRefused("model:\n  type: mlp\n", "model.type = \"mlp\": expected one of conv, dense");
    }

    @Test
    void resumeAcceptsACheckpointConfigWrittenBeforeTheModelTypeKeys() throws IOException {
        String current = ConfigYaml.toYaml(bind(""));
        String older = current.replaceAll("(?m)^  (type|layers|variational|loss): .*\\n", "");
        assertThat(older).doesNotContain("type: conv");
        String defaults = ConfigYaml.toYaml(VaeGmmConfig.DEFAULTS);
        assertThatCode(() -> ResumeGuard.check(older, current, defaults, ResumeGuard.MODEL_AND_DATA, "old.yaml"))
                .doesNotThrowAnyException();
        String dense = ConfigYaml.toYaml(bind("model:\n  type: dense\n"));
        assertThatThrownBy(() -> ResumeGuard.check(older, dense, defaults, ResumeGuard.MODEL_AND_DATA, "old.yaml"))
                .isInstanceOf(BadInputException.class).hasMessageStartingWith("--resume: model.type = \"dense\" differs "
                        + "from the interrupted run's \"conv\"");
        assertThat(List.of(older.split("\n"))).contains("  decoder_dropout: 0.0");
    }
}
