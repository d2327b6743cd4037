package dev.latentlab.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latentlab.BadInputException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ImageLayout} and {@link PixelScale} through {@link NpzReader}: each accepted and each refused case. */
class NpzImageFormatTest {
    @TempDir
    Path tmp;

    private static final ImageFormat AUTO = ImageFormat.ofConfig(ImageLayout.AUTO, PixelScale.AUTO);

    @Test
    void autoReadsRank3AsGreyAndRank4ByItsChannelAxis() throws IOException {
        assertShape(read(NpyArray.ofUint8(new byte[2 * 8 * 8], 2, 8, 8), AUTO), 2, 1, 8, 8);
        assertShape(read(NpyArray.ofUint8(new byte[2 * 64], 2, 64), AUTO), 2, 1, 8, 8);
        assertShape(read(NpyArray.ofUint8(new byte[2 * 3 * 32 * 32], 2, 32, 32, 3), AUTO), 2, 3, 32, 32);
        assertShape(read(NpyArray.ofUint8(new byte[2 * 3 * 32 * 32], 2, 3, 32, 32), AUTO), 2, 3, 32, 32);
        assertShape(read(NpyArray.ofUint8(new byte[2 * 28 * 28], 2, 28, 28, 1), AUTO), 2, 1, 28, 28);
        assertShape(read(NpyArray.ofUint8(new byte[2 * 28 * 28], 2, 1, 28, 28), AUTO), 2, 1, 28, 28);
    }

    @Test
    void channelsLastPixelsAreReorderedChannelFirst() throws IOException {
        // one 2x2 RGB image, pixels (1,2,3), (4,5,6), (7,8,9), (10,11,12), stored [N,H,W,C]
        ImageSet set = read(NpyArray.ofUint8(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}, 1, 2, 2, 3), AUTO);
        assertThat(set.pixels()).containsExactly(1, 4, 7, 10, 2, 5, 8, 11, 3, 6, 9, 12);
        ImageSet same = read(NpyArray.ofUint8(new byte[] {1, 4, 7, 10, 2, 5, 8, 11, 3, 6, 9, 12}, 1, 3, 2, 2),
                ImageFormat.ofConfig(ImageLayout.NCHW, PixelScale.AUTO));
        assertThat(same.pixels()).containsExactly(set.pixels());
    }

    @Test
    void anExplicitLayoutSettlesAnAmbiguousShape() throws IOException {
        NpyArray ambiguous = NpyArray.ofUint8(new byte[2 * 3 * 8 * 3], 2, 3, 8, 3);
        refused(() -> read(ambiguous, AUTO)).hasMessageContaining("[2,3,8,3]")
                .hasMessageContaining("set data.layout to nchw or nhwc");
        assertShape(read(ambiguous, ImageFormat.ofConfig(ImageLayout.NCHW, PixelScale.AUTO)), 2, 3, 8, 3);
        assertShape(read(ambiguous, ImageFormat.ofConfig(ImageLayout.NHWC, PixelScale.AUTO)), 2, 3, 3, 8);
    }

    @Test
    void wrongRanksAndChannelCountsAreRefused() {
        refused(() -> read(NpyArray.ofUint8(new byte[4], 4), AUTO)).hasMessageContaining("shape [4]")
                .hasMessageContaining("[N,H,W], [N,H,W,C], [N,C,H,W]");
        refused(() -> read(NpyArray.ofUint8(new byte[2 * 4 * 4 * 4 * 4], 2, 4, 4, 4, 4), AUTO))
                .hasMessageContaining("shape [2,4,4,4,4]");
        refused(() -> read(NpyArray.ofUint8(new byte[2 * 5 * 5 * 5], 2, 5, 5, 5), AUTO))
                .hasMessageContaining("no channel axis of 1 (grey) or 3 (RGB)");
        refused(() -> read(NpyArray.ofUint8(new byte[2 * 8 * 8], 2, 8, 8), ImageFormat.ofConfig(ImageLayout.NHWC, PixelScale.AUTO)))
                .hasMessageContaining("expected rank 4 for data.layout nhwc");
        refused(() -> read(NpyArray.ofUint8(new byte[2 * 8 * 8 * 4], 2, 8, 8, 4), ImageFormat.ofConfig(ImageLayout.NHWC, PixelScale.AUTO)))
                .hasMessageContaining("4 channels as nhwc, expected 1 (grey) or 3 (RGB)");
        refused(() -> read(NpyArray.ofUint8(new byte[2 * 8 * 8], 2, 1, 8, 8), ImageFormat.ofConfig(ImageLayout.NHW, PixelScale.AUTO)))
                .hasMessageContaining("expected rank 3 for data.layout nhw");
    }

    @Test
    void autoScaleTakesUint8AndUnitFloatsAndRefusesOtherRanges() throws IOException {
        assertThat(read(NpyArray.ofUint8(new byte[] {0, (byte) 128, (byte) 255}, 1, 1, 3), AUTO).pixels())
                .containsExactly(0, (byte) 128, (byte) 255);
        assertThat(read(NpyArray.ofFloat32(new float[] {0f, 0.5f, 1f}, 1, 1, 3), AUTO).pixels())
                .containsExactly(0, (byte) 128, (byte) 255);
        refused(() -> read(NpyArray.ofFloat64(new double[] {0, 8, 16}, 1, 1, 3), AUTO))
                .hasMessageContaining("range over [0.0, 16.0], expected [0,1] with data.scale auto")
                .hasMessageContaining("data.scale: max divides by the maximum");
        refused(() -> read(NpyArray.ofFloat32(new float[] {-0.2f, 0.5f}, 1, 1, 2), AUTO))
                .hasMessageContaining("[-0.2").hasMessageContaining("negative values");
        refused(() -> read(NpyArray.ofInt64(new long[] {0, -3}, 1, 1, 2), AUTO)).hasMessageContaining("pixel value -3");
    }

    @Test
    void maxScaleDividesByTheMaximumAndRefusesNegativeValues() throws IOException {
        ImageFormat max = ImageFormat.ofConfig(ImageLayout.AUTO, PixelScale.MAX);
        assertThat(read(NpyArray.ofFloat64(new double[] {0, 8, 16}, 1, 1, 3), max).pixels())
                .containsExactly(0, (byte) 128, (byte) 255);
        assertThat(read(NpyArray.ofInt64(new long[] {0, 1000, 4000}, 1, 1, 3), max).pixels())
                .containsExactly(0, (byte) 64, (byte) 255);
        refused(() -> read(NpyArray.ofFloat64(new double[] {-1, 8}, 1, 1, 2), max))
                .hasMessageContaining("expected values >= 0 with a positive maximum for data.scale max");
        refused(() -> read(NpyArray.ofFloat64(new double[] {0, 0}, 1, 1, 2), max)).hasMessageContaining("[0.0, 0.0]");
    }

    @Test
    void noneScaleTakesValuesAsIntensitiesAndClipsTheRest() throws IOException {
        ImageFormat none = ImageFormat.ofConfig(ImageLayout.AUTO, PixelScale.NONE);
        assertThat(read(NpyArray.ofFloat32(new float[] {-0.46f, 0.5f, 1.39f}, 1, 1, 3), none).pixels())
                .containsExactly(0, (byte) 128, (byte) 255);
        assertThat(read(NpyArray.ofInt64(new long[] {0, 1}, 1, 1, 2), none).pixels()).containsExactly(0, (byte) 255);
    }

    @Test
    void nanIsRefusedWhateverTheScale() {
        for (PixelScale scale : PixelScale.values()) {
            refused(() -> read(NpyArray.ofFloat32(new float[] {0f, Float.NaN}, 1, 1, 2),
                    ImageFormat.ofConfig(ImageLayout.AUTO, scale))).hasMessageContaining("NaN at image 0, pixel 1");
        }
    }

    @Test
    void optionNamesAppearInTheRefusals() {
        refused(() -> read(NpyArray.ofFloat64(new double[] {0, 16}, 1, 1, 2), ImageFormat.OPTIONS))
                .hasMessageContaining("with --scale auto").hasMessageContaining("--scale: max");
        refused(() -> ImageLayout.of("hwc", "--layout")).hasMessage("--layout = hwc: expected auto, nhw, nhwc or nchw");
    }

    private ImageSet read(NpyArray images, ImageFormat format) throws IOException {
        Path file = tmp.resolve("f.npz");
        NpzWriter.write(file, Map.of("images", images), NpzWriter.Compression.STORED);
        return NpzReader.readImages(file, null, null, format);
    }

    private static void assertShape(ImageSet set, int n, int c, int h, int w) {
        assertThat(new int[] {set.count(), set.channels(), set.height(), set.width()}).containsExactly(n, c, h, w);
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> refused(
            org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        return assertThatThrownBy(call).isInstanceOf(BadInputException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
}
