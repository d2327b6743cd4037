package dev.latentlab.data;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ImageResizerTest {
    @Test
    void shrinkingAveragesAreasAndKeepsLabelsAndChannels() {
        // one RGB 4x4 image: each 2x2 block of channel 0 holds one value
        byte[] px = new byte[3 * 16];
        for (int r = 0; r < 4; r++) {
            for (int c = 0; c < 4; c++) {
                px[r * 4 + c] = (byte) (r < 2 ? (c < 2 ? 0 : 100) : (c < 2 ? 200 : 40));
                px[16 + r * 4 + c] = (byte) (4 * (r * 4 + c));   // channel 1: 0, 4, ..., 60
            }
        }
        ImageSet small = ImageResizer.resize(new ImageSet(1, 3, 4, 4, px, new int[] {7}), 2, 2);
        assertThat(small.channels()).isEqualTo(3);
        assertThat(small.labels()).containsExactly(7);
        assertThat(java.util.Arrays.copyOfRange(small.pixels(), 0, 4)).containsExactly(0, 100, (byte) 200, 40);
        // channel 1: 4 x the means of {0,1,4,5}, {2,3,6,7}, {8,9,12,13}, {10,11,14,15}
        assertThat(java.util.Arrays.copyOfRange(small.pixels(), 4, 8)).containsExactly(10, 18, 42, 50);
    }

    @Test
    void growingKeepsAConstantImageConstantAndSameSizeIsUntouched() {
        byte[] px = new byte[8 * 8];
        java.util.Arrays.fill(px, (byte) 90);
        ImageSet set = new ImageSet(1, 8, 8, px, null);
        ImageSet big = ImageResizer.resize(set, 28, 28);
        assertThat(big.height()).isEqualTo(28);
        for (byte b : big.pixels()) {
            assertThat(b).isEqualTo((byte) 90);
        }
        assertThat(ImageResizer.resize(set, 8, 8)).isSameAs(set);
    }
}
