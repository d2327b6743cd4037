package dev.latentlab.vae;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EncoderFeaturesTest {
    @Test
    void sevenBySevenMapsArePooledInWindowsOfThreeWithStrideTwoThenScaledToUnitLength() {
        Random random = new Random(3);
        int c = 2;
        float[] maps = new float[c * 49];
        for (int i = 0; i < maps.length; i++) {
            maps[i] = (float) random.nextGaussian();   // negatives: the ReLU is applied first
        }
        double[] expected = new double[c * 9];
        for (int ch = 0; ch < c; ch++) {
            for (int gy = 0; gy < 3; gy++) {
                for (int gx = 0; gx < 3; gx++) {
                    double sum = 0;
                    for (int y = 2 * gy; y < 2 * gy + 3; y++) {
                        for (int x = 2 * gx; x < 2 * gx + 3; x++) {
                            sum += Math.max(0, maps[ch * 49 + y * 7 + x]);
                        }
                    }
                    expected[ch * 9 + gy * 3 + gx] = sum / 9;
                }
            }
        }
        double norm = Math.sqrt(Arrays.stream(expected).map(v -> v * v).sum());
        double[] features = EncoderFeatures.of(maps, c, 7, 7);
        assertThat(features).hasSize(EncoderFeatures.width(c));
        for (int i = 0; i < features.length; i++) {
            assertThat(features[i]).isCloseTo(expected[i] / norm, within(1e-12));
        }
    }

    @Test
    void mapsSmallerThanTheGridAndAllNegativeMapsGiveFiniteFeatures() {
        double[] one = EncoderFeatures.of(new float[] {2f, 5f}, 2, 1, 1);   // every window is the one pixel
        assertThat(one).hasSize(18);
        for (int i = 0; i < 18; i++) {
            assertThat(one[i]).isCloseTo((i < 9 ? 2 : 5) / Math.sqrt(9 * 29.0), within(1e-12));
        }
        assertThat(EncoderFeatures.of(new float[] {-1f, -2f, -3f, -4f}, 1, 2, 2)).containsOnly(0.0);
    }
}
