package dev.latentlab.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** vae_gmm's data.split, evaluate.fitted and data.augment.shift_pixels: defaults, the 70,000 protocol, refusals. */
class DataSplitKeysTest {
    @TempDir
    Path dir;

    private VaeGmmConfig bind(String yaml) throws IOException {
        return new VaeGmmYaml(dir.resolve("s.yaml")).bind(yaml);
    }

    private void assertRefused(String yaml, String message) throws IOException {
        new VaeGmmYaml(dir.resolve("s.yaml")).assertRefused(yaml, message);
    }

    @Test
    void theDefaultsTrainOnTheTrainingImagesAndScoreTheHeldOutOnes() throws IOException {
        VaeGmmConfig c = bind("");
        assertThat(c.data().split()).isEqualTo(VaeGmmConfig.Split.TRAIN);
        assertThat(c.evaluate().fitted()).isFalse();
        assertThat(c.evaluate().mnistTest()).isTrue();
        assertThat(c.data().augment().shiftPixels()).isZero();
        assertThat(c.data().augment().any()).isFalse();
    }

    @Test
    void thePapersProtocolBindsWithTheTestSetOff() throws IOException {
        VaeGmmConfig c = bind("data:\n  source: fashion-mnist\n  split: all\n  augment:\n    shift_pixels: 2\n"
                + "evaluate:\n  mnist_test: false\n  fitted: true\n");
        assertThat(c.data().split()).isEqualTo(VaeGmmConfig.Split.ALL);
        assertThat(c.evaluate().fitted()).isTrue();
        assertThat(c.data().augment().shiftPixels()).isEqualTo(2);
        assertThat(c.data().augment().any()).isTrue();
    }

    @Test
    void theBadSettingsAreRefusedNamingTheKey() throws IOException {
        assertRefused("data:\n  split: test\n", "data.split = \"test\": expected one of train, all");
        assertRefused("data:\n  split: all\n", "evaluate.mnist_test = true: expected false with data.split all (the "
                + "test images are training images then; evaluate.fitted scores every image trained on)");
        assertRefused("data:\n  source: npz\n  npz: x.npz\n  split: all\nevaluate:\n  mnist_test: false\n",
                "data.split = \"all\": expected train unless data.source is mnist or fashion-mnist");
        assertRefused("data:\n  augment:\n    shift_pixels: 9\n",
                "data.augment.shift_pixels = 9: expected an integer from 0 to 8");
        assertRefused("model:\n  input: [3, 28, 28]\ndata:\n  source: npz\n  npz: x.npz\n  augment:\n"
                + "    shift_pixels: 1\nevaluate:\n  mnist_test: false\n",
                "data.augment = \"on\": expected all off for RGB input (augmentation works on grey images)");
    }
}
