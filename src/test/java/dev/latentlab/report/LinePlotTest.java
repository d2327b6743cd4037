package dev.latentlab.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LinePlotTest {
    @TempDir
    Path dir;

    private static final double[] K = {10, 100, 1000, 2000, 5000};
    private static final double[] MSE = {0.08, 0.04, 0.015, 0.011, 0.009};

    @Test
    void writesA900x600PngWithWhiteBackground() throws IOException {
        Path file = LinePlot.titled("MSE vs K").axes("K", "MSE").logX().logY()
                .series("train", K, MSE).series("test", K, new double[] {0.09, 0.05, 0.02, 0.014, 0.012})
                .writePng(dir.resolve("mse_vs_k.png"));
        BufferedImage image = ImageIO.read(file.toFile());
        assertThat(image).isNotNull();
        assertThat(image.getWidth()).isEqualTo(900);
        assertThat(image.getHeight()).isEqualTo(600);
        assertThat(image.getRGB(2, 2) & 0xFFFFFF).isEqualTo(0xFFFFFF);
    }

    @Test
    void highlightedPointIsDrawnInItsColour() throws IOException {
        LinePlot plot = LinePlot.titled("elbow").axes("K", "MSE").size(640, 480).series("test", K, MSE)
                .highlight(2000, 0.011, "elbow K=2000");
        BufferedImage plain = LinePlot.titled("elbow").axes("K", "MSE").size(640, 480).series("test", K, MSE)
                .toImage();
        BufferedImage marked = ImageIO.read(plot.writePng(dir.resolve("elbow.png")).toFile());
        assertThat(marked.getWidth()).isEqualTo(640);
        assertThat(marked.getHeight()).isEqualTo(480);
        assertThat(countReddish(marked)).isGreaterThan(countReddish(plain) + 100);
    }

    @Test
    void aSeriesGivenAColourIsDrawnInItAndDashedLinesDrawFewerPixels() {
        java.awt.Color green = new java.awt.Color(0x2CA02C);
        BufferedImage solid = LinePlot.titled("t").size(640, 480).markers(false)
                .series("a", K, MSE, green, false).toImage();
        BufferedImage dashed = LinePlot.titled("t").size(640, 480).markers(false)
                .series("a", K, MSE, green, true).toImage();
        long solidGreen = count(solid, 0x2CA02C);
        assertThat(solidGreen).isGreaterThan(200);
        assertThat(count(dashed, 0x2CA02C)).isPositive().isLessThan(solidGreen);
    }

    private static long count(BufferedImage image, int rgb) {
        long n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xFFFFFF) == rgb) {
                    n++;
                }
            }
        }
        return n;
    }

    @Test
    void rejectsBadInput() {
        assertThatThrownBy(() -> LinePlot.titled("t").series("a", new double[] {1, 2}, new double[] {1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("series 'a'");
        assertThatThrownBy(() -> LinePlot.titled("t").logY().series("a", new double[] {1, 2},
                new double[] {0, 1}).toImage())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("logarithmic y");
        assertThatThrownBy(() -> LinePlot.titled("t").toImage()).isInstanceOf(IllegalStateException.class);
    }

    private static int countReddish(BufferedImage image) {
        int n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                int r = (rgb >> 16) & 0xFF;
                int g = (rgb >> 8) & 0xFF;
                int b = rgb & 0xFF;
                if (r > 180 && g < 90 && b < 90) {
                    n++;
                }
            }
        }
        return n;
    }
}
