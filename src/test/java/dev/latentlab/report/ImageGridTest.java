package dev.latentlab.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageGridTest {
    @TempDir
    Path dir;

    @Test
    void upscalesCellsWithPaddingAndKnownPixels() throws IOException {
        float[] white = filled(25, 1f);
        float[] black = filled(25, 0f);
        Path file = ImageGrid.builder(5, 5).upscale(4).padding(3)
                .row(List.of(black, white)).row(Arrays.asList(white, null))
                .build().writePng(dir.resolve("grid.png"));
        BufferedImage image = ImageIO.read(file.toFile());
        // 2 columns of 20 px + 3 gaps of 3 px
        assertThat(image.getWidth()).isEqualTo(2 * 20 + 3 * 3);
        assertThat(image.getHeight()).isEqualTo(2 * 20 + 3 * 3);
        assertThat(grey(image, 3, 3)).isEqualTo(0);          // first cell, top-left
        assertThat(grey(image, 22, 22)).isEqualTo(0);        // first cell, bottom-right
        assertThat(grey(image, 26, 3)).isEqualTo(255);       // second cell (white)
        assertThat(grey(image, 45, 22)).isEqualTo(255);
        assertThat(grey(image, 3, 26)).isEqualTo(255);       // row 2, white cell
        assertThat(grey(image, 23, 10)).isEqualTo(255);      // padding is white
    }

    @Test
    void mapsValuesAndBytesToGreyLevelsWithNearestNeighbour() {
        float[] gradient = new float[4];
        for (int i = 0; i < 4; i++) {
            gradient[i] = i / 3f;
        }
        byte[] bytes = {0, (byte) 128, (byte) 255, 64};
        BufferedImage image = ImageGrid.builder(2, 2).upscale(3).padding(0)
                .row(List.of(gradient)).rowOfBytes(null, List.of(bytes)).build().toImage();
        assertThat(image.getWidth()).isEqualTo(6);
        assertThat(image.getHeight()).isEqualTo(12);
        assertThat(grey(image, 0, 0)).isEqualTo(0);
        assertThat(grey(image, 5, 2)).isEqualTo(85);   // value 1/3, pixel (0,1) upscaled x3
        assertThat(grey(image, 2, 5)).isEqualTo(170);  // value 2/3, pixel (1,0)
        assertThat(grey(image, 5, 5)).isEqualTo(255);
        assertThat(grey(image, 4, 7)).isEqualTo(128);  // second row: byte 128
        assertThat(grey(image, 1, 10)).isEqualTo(255); // byte 255
    }

    @Test
    void normalisesEachCellWhenAsked() {
        float[] centroid = {0.2f, 0.4f, 0.3f, 0.2f};
        BufferedImage image = ImageGrid.builder(2, 2).padding(0).normalizeEachCell(true)
                .square(List.of(centroid)).build().toImage();
        assertThat(grey(image, 0, 0)).isEqualTo(0);
        assertThat(grey(image, 1, 0)).isEqualTo(255);
        assertThat(grey(image, 0, 1)).isEqualTo(128);
    }

    @Test
    void squareAtlasAndLabelsEnlargeTheImage() {
        List<float[]> centroids = java.util.stream.IntStream.range(0, 10).mapToObj(i -> filled(25, i / 9f)).toList();
        BufferedImage atlas = ImageGrid.builder(5, 5).upscale(2).padding(1).square(centroids).build().toImage();
        // 10 cells -> 4 columns, 3 rows
        assertThat(atlas.getWidth()).isEqualTo(4 * 10 + 5);
        assertThat(atlas.getHeight()).isEqualTo(3 * 10 + 4);

        BufferedImage labelled = ImageGrid.builder(5, 5).upscale(2).padding(1)
                .columnTitles(List.of("0", "1")).row("original", List.of(filled(25, 0), filled(25, 0)))
                .row("K=100", List.of(filled(25, 0), filled(25, 0))).build().toImage();
        assertThat(labelled.getWidth()).isGreaterThan(2 * 10 + 3 + 20);
        assertThat(labelled.getHeight()).isGreaterThan(2 * 10 + 3 + 8);
        // the cells sit at the bottom-right corner: the last pixel inside the padding is black
        assertThat(grey(labelled, labelled.getWidth() - 2, labelled.getHeight() - 2)).isEqualTo(0);
        assertThat(countDark(labelled)).isGreaterThan(4 * 100); // cells plus text
    }

    @Test
    void aBuiltGridIgnoresLaterBuilderCalls() {
        ImageGrid.Builder builder = ImageGrid.builder(1, 1).padding(0).row(List.of(filled(1, 1f)));
        ImageGrid grid = builder.build();
        builder.row(List.of(filled(1, 0f))).upscale(5);
        assertThat(grid.toImage().getHeight()).isEqualTo(1);
    }

    @Test
    void rejectsImagesOfTheWrongSize() {
        assertThatThrownBy(() -> ImageGrid.builder(5, 5).row(List.of(new float[24])))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected 5x5");
    }

    private static float[] filled(int n, float v) {
        float[] a = new float[n];
        Arrays.fill(a, v);
        return a;
    }

    private static int grey(BufferedImage image, int x, int y) {
        int rgb = image.getRGB(x, y);
        assertThat((rgb >> 16) & 0xFF).isEqualTo(rgb & 0xFF);
        return rgb & 0xFF;
    }

    private static int countDark(BufferedImage image) {
        int n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xFF) < 128) {
                    n++;
                }
            }
        }
        return n;
    }
}
