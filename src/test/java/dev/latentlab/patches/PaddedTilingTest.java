package dev.latentlab.patches;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.latentlab.clustering.BruteForce;
import dev.latentlab.clustering.PointBlocks;
import dev.latentlab.data.ImageSet;
import dev.latentlab.data.MnistFiles;
import dev.latentlab.data.MnistFixtures;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Padded non-overlapping tiling: 28 -> 30 -> 28, 36 tiles per digit, and the null centroid of blank tiles. */
class PaddedTilingTest {
    static ImageSet digits;

    @BeforeAll
    static void readFixtures() {
        digits = MnistFiles.test(MnistFixtures.dir()).head(6);
    }

    @Test
    void a28x28DigitPadsTo30x30InThirtySixTilesAndCropsBackUnchanged() {
        TilePadding padding = new TilePadding(28, 28, 5);
        assertThat(padding.paddedHeight()).isEqualTo(30);
        assertThat(padding.paddedWidth()).isEqualTo(30);
        assertThat(padding.top()).isEqualTo(1);
        assertThat(padding.left()).isEqualTo(1);

        ImageSet padded = padding.pad(digits);
        assertThat(padded.count()).isEqualTo(6);
        assertThat(new PatchExtractor(5, 5).windowsPerImage(padded.height(), padded.width())).isEqualTo(36);
        for (int i = 0; i < 6; i++) {
            for (int y = 0; y < 30; y++) {
                for (int x = 0; x < 30; x++) {
                    boolean border = y == 0 || x == 0 || y == 29 || x == 29;
                    int expected = border ? 0 : digits.pixel(i, y - 1, x - 1);
                    assertThat(padded.pixel(i, y, x)).as("digit %d (%d,%d)", i, y, x).isEqualTo(expected);
                }
            }
        }
        float[] asFloats = new float[padded.pixels().length];
        for (int p = 0; p < asFloats.length; p++) {
            asFloats[p] = padded.pixels()[p] & 0xff;
        }
        float[] cropped = padding.crop(asFloats, 6);
        for (int p = 0; p < cropped.length; p++) {
            assertThat(cropped[p]).isEqualTo((float) (digits.pixels()[p] & 0xff));
        }
    }

    @Test
    void oddPaddingPutsTheExtraPixelAfterTheImage() {
        TilePadding padding = new TilePadding(27, 26, 5);
        assertThat(padding.paddedHeight()).isEqualTo(30);
        assertThat(padding.top()).isEqualTo(1);
        assertThat(padding.paddedWidth()).isEqualTo(30);
        assertThat(padding.left()).isEqualTo(2);
        assertThat(new TilePadding(30, 30, 5).top()).isZero();
    }

    @Test
    void theNullCentroidCodesBlankAndNearlyBlankTilesAsExactZeros() {
        // Two bright centroids: without the null centroid a blank tile would become one of them.
        float[] centroids = new float[2 * 25];
        Arrays.fill(centroids, 0, 25, 120f);
        Arrays.fill(centroids, 25, 50, 200f);
        PatchDictionary dictionary = new PatchDictionary(5, 1, 2, centroids, new long[2]);
        float[] rows = new float[3 * 25];
        rows[25 + 12] = 9f;                        // row 1: one faint pixel
        Arrays.fill(rows, 50, 75, 190f);           // row 2: a bright tile
        float[] withNull;
        float[] withoutNull;
        try (PointBlocks x = BruteForce.matrix(rows, 25, 10); PatchCoder coder = new PatchCoder(1, 0)) {
            withNull = coder.approximate(x, dictionary, true);
            withoutNull = coder.approximate(x, dictionary, false);
        }

        assertThat(Arrays.copyOfRange(withNull, 0, 50)).containsOnly(0f);
        assertThat(Arrays.copyOfRange(withNull, 50, 75)).containsOnly(200f);
        assertThat(Arrays.copyOfRange(withoutNull, 0, 25)).containsOnly(120f);
    }

    @Test
    void paddedReconstructionKeepsBlankTilesZeroAndRebuildsFromEveryTileExactly() {
        // A dictionary of every non-blank tile of the padded digits rebuilds them exactly; blank tiles use the
        // null centroid and the padding is cropped away.
        TilePadding padding = new TilePadding(28, 28, 5);
        List<float[]> tiles = BruteForce.windows(padding.pad(digits), 5, 5, true);
        float[] centroids = new float[tiles.size() * 25];
        for (int i = 0; i < tiles.size(); i++) {
            System.arraycopy(tiles.get(i), 0, centroids, i * 25, 25);
        }
        PatchDictionary dictionary = new PatchDictionary(5, 1, tiles.size(), centroids, new long[tiles.size()]);
        float[] recon;
        try (PatchCoder coder = new PatchCoder(2, 0)) {
            recon = coder.reconstruct(digits, dictionary, Tiling.PADDED);
        }

        assertThat(tiles.size()).isLessThan(6 * 36);
        assertThat(recon).hasSize(6 * 784);
        for (int p = 0; p < recon.length; p++) {
            assertThat(recon[p]).as("pixel %d", p).isEqualTo((float) (digits.pixels()[p] & 0xff));
        }
    }

    @Test
    void blankTilesOfASparseCodebookAreZerosAndTilesOfOneAtomAreExact() {
        // A 28x28 picture with one 5x5 square of 80s exactly on a tile (padded position 10..14): one atom of
        // 0.2s (unit norm) codes it with weight 400; every other tile is blank.
        byte[] px = new byte[784];
        for (int y = 9; y < 14; y++) {
            for (int x = 9; x < 14; x++) {
                px[y * 28 + x] = (byte) 80;
            }
        }
        ImageSet square = new ImageSet(1, 28, 28, px, null);
        float[] atoms = SparseCoderTest.bars();
        float[] flat = new float[11 * 25];
        System.arraycopy(atoms, 0, flat, 0, atoms.length);
        Arrays.fill(flat, 10 * 25, 11 * 25, 0.2f);
        SparseDictionary dictionary = new SparseDictionary(5, 1, 11, 2, flat, new long[11]);
        float[] recon;
        try (PatchCoder coder = new PatchCoder(1, 0)) {
            recon = coder.reconstruct(square, dictionary, Tiling.PADDED);
        }

        for (int p = 0; p < 784; p++) {
            assertThat(recon[p]).as("pixel %d", p).isCloseTo((float) (px[p] & 0xff), within(1e-3f));
            if (px[p] == 0) {
                assertThat(recon[p]).isZero();
            }
        }
    }

    @Test
    void tilingNames() {
        assertThat(Tiling.fromConfigName("overlap")).isEqualTo(Tiling.OVERLAP);
        assertThat(Tiling.fromConfigName("padded")).isEqualTo(Tiling.PADDED);
        assertThatThrownBy(() -> Tiling.fromConfigName("tiles")).hasMessage("tiling tiles: expected overlap or padded");
    }
}
