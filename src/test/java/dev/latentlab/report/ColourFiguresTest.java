package dev.latentlab.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Java2D colour figures draw what they are given where they should. */
class ColourFiguresTest {

    @Test
    void rgbGridScalesCellsAndKeepsColours() {
        BufferedImage red = solid(20, 10, 0xff0000);
        BufferedImage blue = solid(20, 10, 0x0000ff);
        BufferedImage fig = new RgbGrid(40).columns(List.of("a", "b")).row("r1", List.of(red, blue)).toImage();
        assertThat(fig.getHeight()).isGreaterThanOrEqualTo(20);
        // the centre of the first and second cells (label 110 px, padding 6, cells 40 x 20, title 18 px)
        assertThat(fig.getRGB(110 + 6 + 20, 18 + 10) & 0xffffff).isEqualTo(0xff0000);
        assertThat(fig.getRGB(110 + 6 + 46 + 20, 18 + 10) & 0xffffff).isEqualTo(0x0000ff);
    }

    @Test
    void swatchesShowEachColour() {
        BufferedImage fig = new PaletteSwatches(4).palette("p", new int[]{0x112233, 0x445566, 0x778899}).toImage();
        assertThat(fig.getRGB(130 + 5, 4 + 5) & 0xffffff).isEqualTo(0x112233);
        assertThat(fig.getRGB(130 + 14 + 5, 4 + 5) & 0xffffff).isEqualTo(0x445566);
        assertThat(fig.getRGB(130 + 28 + 5, 4 + 5) & 0xffffff).isEqualTo(0x778899);
    }

    @Test
    void scatterDrawsPointsInTheirOwnColour() {
        BufferedImage fig = new ColourScatter("t").panel("R", "G", new double[]{64, 200}, new double[]{64, 200},
                new int[]{0x00ff00, 0xff00ff}, new double[]{128}, new double[]{128}, new int[]{0x0000ff}).toImage();
        assertThat(fig.getWidth()).isEqualTo(300 + 72);
        int left = 36, top = 24 + 18;
        int at64 = (int) Math.round(64 * 300 / 255.0), at200 = (int) Math.round(200 * 300 / 255.0);
        assertThat(fig.getRGB(left + at64, top + 300 - at64) & 0xffffff).isEqualTo(0x00ff00);
        assertThat(fig.getRGB(left + at200, top + 300 - at200) & 0xffffff).isEqualTo(0xff00ff);
        assertThat(fig.getRGB(left + 151, top + 150) & 0xffffff).isEqualTo(0x0000ff);
    }

    private static BufferedImage solid(int w, int h, int rgb) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, rgb);
            }
        }
        return img;
    }
}
