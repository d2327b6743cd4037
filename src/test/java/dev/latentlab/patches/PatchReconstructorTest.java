package dev.latentlab.patches;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.latentlab.clustering.BruteForce;
import dev.latentlab.data.ImageSet;
import dev.latentlab.data.MnistFiles;
import dev.latentlab.data.MnistFixtures;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PatchReconstructorTest {
    static ImageSet test;

    @BeforeAll
    static void readFixtures() {
        test = MnistFiles.test(MnistFixtures.dir());
    }

    @Test
    void coverageOf28x28BySize5Stride1() {
        int[] coverage = PatchReconstructor.coverage(new PatchExtractor(5, 1), 28, 28);

        assertThat(coverage[0]).isEqualTo(1);
        assertThat(coverage[27]).isEqualTo(1);
        assertThat(coverage[27 * 28 + 27]).isEqualTo(1);
        assertThat(coverage[14 * 28 + 14]).isEqualTo(25);
        assertThat(coverage[0 * 28 + 14]).isEqualTo(5);
        assertThat(coverage[2 * 28 + 2]).isEqualTo(9);
        assertThat(Arrays.stream(coverage).sum()).isEqualTo(576 * 25);
    }

    @ParameterizedTest(name = "size {0} stride {1}")
    @CsvSource({"5, 1", "5, 2", "5, 3", "4, 4", "6, 5"})
    void coverageMatchesCountingTheWindowsOverEachPixel(int size, int stride) {
        int[] coverage = PatchReconstructor.coverage(new PatchExtractor(size, stride), 28, 28);
        for (int y = 0; y < 28; y++) {
            for (int x = 0; x < 28; x++) {
                assertThat(coverage[y * 28 + x]).as("pixel (%d,%d)", y, x)
                        .isEqualTo(windowsOver(y, size, stride) * windowsOver(x, size, stride));
            }
        }
    }

    /** Window starts 0, stride, … (window fully inside 28 pixels) whose span holds pixel p. */
    private static int windowsOver(int p, int size, int stride) {
        int n = 0;
        for (int start = 0; start + size <= 28; start += stride) {
            if (start <= p && p < start + size) {
                n++;
            }
        }
        return n;
    }

    @Test
    void aDictionaryOfEveryPatchOfAnImageRebuildsItExactly() {
        ImageSet digits = test.head(2);
        PatchExtractor p = new PatchExtractor(5, 1);
        List<float[]> windows = BruteForce.windows(digits, 5, 1, true);
        float[] centroids = new float[windows.size() * 25];
        for (int i = 0; i < windows.size(); i++) {
            System.arraycopy(windows.get(i), 0, centroids, i * 25, 25);
        }
        PatchDictionary dictionary = new PatchDictionary(5, 1, windows.size(), centroids, new long[windows.size()]);

        float[] recon;
        try (PatchCoder coder = new PatchCoder(2, 0)) {
            recon = coder.reconstruct(digits, dictionary);
        }

        for (int i = 0; i < digits.pixels().length; i++) {
            assertThat(recon[i]).as("pixel %d", i).isEqualTo((float) (digits.pixels()[i] & 0xff));
        }
        assertThat(PatchReconstructor.mse(digits, recon)).isZero();
        assertThat(PatchReconstructor.psnr(PatchReconstructor.mse(digits, recon))).isInfinite();
    }

    @Test
    void blankWindowsContributeZerosToTheAverage() {
        // One lit pixel at (10, 12): its 25 covering windows are the only non-blank ones. With a single
        // centroid of all 50s, pixel q becomes 50 * (non-blank windows over q) / (all windows over q).
        byte[] px = new byte[784];
        px[10 * 28 + 12] = (byte) 200;
        ImageSet image = new ImageSet(1, 28, 28, px, null);
        PatchExtractor p = new PatchExtractor(5, 1);
        float[] centroid = new float[25];
        Arrays.fill(centroid, 50f);

        float[] recon = PatchReconstructor.reconstruct(image, p, centroid, new int[25]);

        for (int y = 0; y < 28; y++) {
            for (int x = 0; x < 28; x++) {
                int all = 0;
                int lit = 0;
                for (int top = 0; top <= 23; top++) {
                    for (int left = 0; left <= 23; left++) {
                        if (top <= y && y < top + 5 && left <= x && x < left + 5) {
                            all++;
                            if (top <= 10 && 10 < top + 5 && left <= 12 && 12 < left + 5) {
                                lit++;
                            }
                        }
                    }
                }
                assertThat(recon[y * 28 + x]).as("pixel (%d,%d)", y, x).isCloseTo(50f * lit / all, within(1e-4f));
            }
        }
        assertThat(recon[10 * 28 + 12]).isEqualTo(50f);
        assertThat(recon[10 * 28 + 8]).isEqualTo(50f * 5 / 25);
    }

    @Test
    void pixelsNoWindowCoversStayZero() {
        // 5x5 windows at stride 2 start at 0..22: column and row 27 are never covered.
        byte[] px = new byte[784];
        Arrays.fill(px, (byte) 100);
        ImageSet image = new ImageSet(1, 28, 28, px, null);
        PatchExtractor p = new PatchExtractor(5, 2);
        float[] centroid = new float[25];
        Arrays.fill(centroid, 100f);

        float[] recon = PatchReconstructor.reconstruct(image, p, centroid, new int[144]);

        assertThat(recon[5 * 28 + 27]).isZero();
        assertThat(recon[27 * 28 + 5]).isZero();
        assertThat(recon[26 * 28 + 26]).isEqualTo(100f);
        assertThat(PatchReconstructor.mse(image, recon)).isCloseTo(100.0 * 100.0 * 55 / 784, within(1e-9));
    }

    @Test
    void mismatchedLabelCountIsAnError() {
        ImageSet digit = test.head(1);
        long n = new PatchExtractor(5, 1).count(digit, true);
        assertThatThrownBy(() -> PatchReconstructor.reconstruct(digit, new PatchExtractor(5, 1), new float[25],
                new int[(int) n + 1])).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(n + " non-blank");
    }

    @Test
    void mseIsPerPixelOnThe0To255Scale() {
        byte[] px = {0, (byte) 255, 10, 20};
        ImageSet image = new ImageSet(1, 2, 2, px, null);
        float[] recon = {1, 250, 10, 26};
        assertThat(PatchReconstructor.mse(image, recon)).isCloseTo((1 + 25 + 0 + 36) / 4.0, within(1e-12));
    }

    @Test
    void psnrIs10Log10OfPeakSquaredOverMse() {
        assertThat(PatchReconstructor.psnr(255.0 * 255.0)).isCloseTo(0.0, within(1e-12));
        assertThat(PatchReconstructor.psnr(255.0 * 255.0 / 100)).isCloseTo(20.0, within(1e-12));
        assertThat(PatchReconstructor.psnr(1.0)).isCloseTo(48.130803608679, within(1e-9));
        assertThat(PatchReconstructor.psnr(0.0)).isEqualTo(Double.POSITIVE_INFINITY);
    }
}
