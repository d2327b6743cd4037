package dev.latentlab.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImageStackTest {
    @Test
    void imageStackPutsPicturesTopToBottom() {
        BufferedImage red = new BufferedImage(10, 5, BufferedImage.TYPE_INT_RGB);
        BufferedImage blue = new BufferedImage(20, 7, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 5; y++) {
            for (int x = 0; x < 10; x++) {
                red.setRGB(x, y, 0xFF0000);
            }
        }
        for (int y = 0; y < 7; y++) {
            for (int x = 0; x < 20; x++) {
                blue.setRGB(x, y, 0x0000FF);
            }
        }
        BufferedImage stack = ImageStack.vertical(List.of(red, blue), 3);

        assertThat(stack.getWidth()).isEqualTo(26);
        assertThat(stack.getHeight()).isEqualTo(5 + 7 + 9);
        assertThat(stack.getRGB(3, 3) & 0xFFFFFF).isEqualTo(0xFF0000);
        assertThat(stack.getRGB(3 + 15, 3) & 0xFFFFFF).isEqualTo(0xFFFFFF);
        assertThat(stack.getRGB(3 + 15, 3 + 5 + 3) & 0xFFFFFF).isEqualTo(0x0000FF);
    }
}
