package dev.latentlab.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HeatMapTest {
    @TempDir
    Path dir;

    @Test
    void zeroIsWhiteAndTheEndsOfTheScaleAreBlueAndRed() {
        assertThat(HeatMap.colour(0f, 5f)).isEqualTo(Color.WHITE);
        assertThat(HeatMap.colour(5f, 5f)).isEqualTo(new Color(0xB2182B));
        assertThat(HeatMap.colour(-9f, 5f)).isEqualTo(new Color(0x2166AC));
        Color half = HeatMap.colour(2.5f, 5f);
        assertThat(half.getRed()).isGreaterThan(half.getBlue()).isLessThan(255);
        assertThat(HeatMap.colour(1f, 0f)).isEqualTo(Color.WHITE);
    }

    @Test
    void cellsAreFilledWithTheColourOfTheirValue() throws IOException {
        // Values 0, 4, -2, 0 in 2 columns of 20-pixel cells: cell (0,1) red, cell (1,0) half blue.
        Path file = HeatMap.of(new float[] {0, 4, -2, 0}, 2).cellSize(20).writePng(dir.resolve("heat.png"));
        BufferedImage image = ImageIO.read(file.toFile());

        int x0 = 8;
        int y0 = 8;
        assertThat(image.getWidth()).isEqualTo(320);
        assertThat(image.getRGB(x0 + 5, y0 + 5) & 0xFFFFFF).isEqualTo(0xFFFFFF);
        assertThat(image.getRGB(x0 + 25, y0 + 5) & 0xFFFFFF).isEqualTo(0xB2182B);
        assertThat(image.getRGB(x0 + 5, y0 + 25) & 0xFFFFFF).isEqualTo(HeatMap.colour(-2, 4).getRGB() & 0xFFFFFF);
    }

    @Test
    void picturesAreDrawnInsideTheirCellsAndATitleWidensTheImage() {
        float[] black = new float[4];
        float[] white = {1, 1, 1, 1};
        BufferedImage image = HeatMap.of(new float[] {0, 0}, 2).cellSize(40).pictures(List.of(black, white), 2, 2)
                .title("a title long enough to be wider than three hundred and twenty pixels\\nsecond line").toImage();

        assertThat(image.getWidth()).isGreaterThan(320);
        int top = image.getHeight() - 42 - 8 - 40;
        // Pictures are scaled to 60% of the cell (12x12 per pixel here), centred, 3 pixels below the cell top.
        assertThat(image.getRGB(8 + 20, top + 10) & 0xFFFFFF).isEqualTo(0x000000);
        assertThat(image.getRGB(8 + 40 + 20, top + 10) & 0xFFFFFF).isEqualTo(0xFFFFFF);
    }

    @Test
    void rejectsMismatchedPicturesAndEmptyValues() {
        assertThatThrownBy(() -> HeatMap.of(new float[] {1, 2}, 2).pictures(Collections.nCopies(3, new float[4]), 2, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3 pictures for 2 values");
        assertThatThrownBy(() -> HeatMap.of(new float[0], 2)).isInstanceOf(IllegalArgumentException.class);
    }
}
