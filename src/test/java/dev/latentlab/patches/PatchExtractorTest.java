package dev.latentlab.patches;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latentlab.clustering.BruteForce;
import dev.latentlab.clustering.PointBlocks;
import dev.latentlab.data.ImageSet;
import dev.latentlab.data.MnistFiles;
import dev.latentlab.data.MnistFixtures;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PatchExtractorTest {
    static ImageSet train;

    @BeforeAll
    static void readFixtures() {
        train = MnistFiles.train(MnistFixtures.dir());
    }

    @ParameterizedTest(name = "size {0} stride {1}: {2} positions per axis")
    @CsvSource({"5, 1, 24", "5, 2, 12", "5, 3, 8", "28, 1, 1", "28, 5, 1", "3, 5, 6", "29, 1, 0"})
    void windowPositionsOnA28PixelAxis(int size, int stride, int positions) {
        PatchExtractor p = new PatchExtractor(size, stride);
        assertThat(p.positions(28)).isEqualTo(positions);
        assertThat(p.windowsPerImage(28, 28)).isEqualTo(positions * positions);
        assertThat(p.dim()).isEqualTo(size * size);
    }

    @ParameterizedTest(name = "stride {0}")
    @CsvSource({"1, 576", "2, 144", "3, 64"})
    void keepingBlanksGivesEveryWindowOfEveryDigit(int stride, int perImage) {
        ImageSet digits = train.head(10);
        PatchExtractor p = new PatchExtractor(5, stride);

        assertThat(p.count(digits, false)).isEqualTo(10L * perImage);
        try (PointBlocks x = p.extract(digits, false)) {
            assertThat(x.rows()).isEqualTo(10L * perImage);
            assertThat(x.dim()).isEqualTo(25);
        }
    }

    @Test
    void rowsAreTheHandCutWindowsInImageRowColumnOrder() {
        ImageSet digits = train.head(3);
        PatchExtractor p = new PatchExtractor(5, 3);
        try (PointBlocks x = p.extract(digits, false)) {
            float[] row = new float[25];
            for (int i = 0; i < 3; i++) {
                for (int r = 0; r < 8; r++) {
                    for (int c = 0; c < 8; c++) {
                        x.copyRow(i * 64L + r * 8 + c, row, 0);
                        for (int y = 0; y < 5; y++) {
                            for (int xx = 0; xx < 5; xx++) {
                                assertThat(row[y * 5 + xx]).as("image %d window (%d,%d) pixel (%d,%d)", i, r, c, y, xx)
                                        .isEqualTo((float) digits.pixel(i, r * 3 + y, c * 3 + xx));
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void aSpecificWindowHoldsTheDigitsPixelValues() {
        // Image 0 (a 5), window at top-left (10, 12): its pixels on the 0..255 scale, not normalised.
        ImageSet first = train.head(1);
        PatchExtractor p = new PatchExtractor(5, 1);
        try (PointBlocks x = p.extract(first, false)) {
            float[] row = new float[25];
            x.copyRow(10 * 24 + 12, row, 0);
            float max = 0;
            for (int y = 0; y < 5; y++) {
                for (int c = 0; c < 5; c++) {
                    assertThat(row[y * 5 + c]).isEqualTo(first.pixel(0, 10 + y, 12 + c));
                    max = Math.max(max, row[y * 5 + c]);
                }
            }
            assertThat(max).isGreaterThan(1f);
        }
    }

    @Test
    void droppingBlanksKeepsExactlyTheNonBlankWindowsInOrder() {
        ImageSet digits = train.head(20);
        PatchExtractor p = new PatchExtractor(5, 1);
        List<float[]> expected = BruteForce.windows(digits, 5, 1, true);
        try (PointBlocks x = p.extract(digits, true)) {
            assertThat(x.rows()).isEqualTo(expected.size());
            float[] row = new float[25];
            for (int i = 0; i < expected.size(); i++) {
                x.copyRow(i, row, 0);
                assertThat(row).as("row %d", i).containsExactly(expected.get(i));
            }
        }
        assertThat(expected.size()).isLessThan(20 * 576).isGreaterThan(20 * 100);
    }

    @ParameterizedTest(name = "size {0} stride {1}")
    @CsvSource({"5, 1", "5, 2", "5, 3", "7, 4"})
    void nonBlankCountOnAllFixtureDigitsMatchesABruteForceCount(int size, int stride) {
        long expected = BruteForce.nonBlankWindows(train, size, stride);
        PatchExtractor p = new PatchExtractor(size, stride);

        assertThat(p.count(train, true)).isEqualTo(expected);
        try (PointBlocks x = p.extract(train, true)) {
            assertThat(x.rows()).isEqualTo(expected);
        }
        assertThat(expected).isLessThan(p.count(train, false));
    }

    @Test
    void blankDigitHasNoNonBlankWindows() {
        ImageSet blank = new ImageSet(2, 28, 28, new byte[2 * 784], null);
        PatchExtractor p = new PatchExtractor(5, 1);
        assertThat(p.count(blank, true)).isZero();
        assertThat(p.count(blank, false)).isEqualTo(2 * 576);
        try (PointBlocks x = p.extract(blank, true)) {
            assertThat(x.rows()).isZero();
        }
    }

    @Test
    void onePixelIsInExactlyTheWindowsThatCoverIt() {
        byte[] px = new byte[784];
        px[0 * 28 + 0] = 1;     // corner: one window of 5x5 stride 1
        px[14 * 28 + 14] = 1;   // centre: 25 windows
        ImageSet image = new ImageSet(1, 28, 28, px, null);
        assertThat(new PatchExtractor(5, 1).count(image, true)).isEqualTo(26);
    }

    @Test
    void rejectsBadGeometryAndWindowsLargerThanTheImage() {
        assertThatThrownBy(() -> new PatchExtractor(0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PatchExtractor(5, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PatchExtractor(29, 1).extract(train.head(1), true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("28x28");
    }
}
