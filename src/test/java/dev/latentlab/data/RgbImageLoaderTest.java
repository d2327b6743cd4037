package dev.latentlab.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latentlab.BadInputException;
import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RgbImageLoaderTest {
    @TempDir
    Path tmp;

    @Test
    void readsRgbPngExactly() throws IOException {
        BufferedImage img = new BufferedImage(3, 2, BufferedImage.TYPE_INT_RGB);
        img.setRGB(0, 0, 0xff0000);
        img.setRGB(1, 0, 0x00ff00);
        img.setRGB(2, 1, 0x123456);
        Path file = tmp.resolve("rgb.png");
        ImageIO.write(img, "png", file.toFile());
        RgbImage rgb = RgbImageLoader.load(file);
        assertThat(rgb.width()).isEqualTo(3);
        assertThat(rgb.height()).isEqualTo(2);
        assertThat(rgb.pixels()).startsWith(255f, 0f, 0f, 0f, 255f, 0f);
        assertThat(rgb.pixels()).endsWith(0x12, 0x34, 0x56);
    }

    @Test
    void compositesAlphaOverWhite() throws IOException {
        BufferedImage img = new BufferedImage(2, 1, BufferedImage.TYPE_INT_ARGB);
        img.setRGB(0, 0, 0x00000000);          // fully transparent black -> white
        img.setRGB(1, 0, 0xff0000ff);          // opaque blue stays blue
        Path file = tmp.resolve("alpha.png");
        ImageIO.write(img, "png", file.toFile());
        assertThat(RgbImageLoader.load(file).pixels()).containsExactly(255f, 255f, 255f, 0f, 0f, 255f);
    }

    @Test
    void expandsGreyscaleWithoutChangingLevels() throws IOException {
        BufferedImage img = new BufferedImage(2, 1, BufferedImage.TYPE_BYTE_GRAY);
        WritableRaster r = img.getRaster();
        r.setSample(0, 0, 0, 128);
        r.setSample(1, 0, 0, 30);
        Path file = tmp.resolve("grey.png");
        ImageIO.write(img, "png", file.toFile());
        assertThat(RgbImageLoader.load(file).pixels()).containsExactly(128f, 128f, 128f, 30f, 30f, 30f);
    }

    @Test
    void readsTheShippedPicture() {
        RgbImage tiny = RgbImageLoader.load(Path.of("configs/images/tiny.png"));
        assertThat(tiny.width()).isEqualTo(64);
        assertThat(tiny.height()).isEqualTo(48);
        assertThat(RgbImage.of(tiny.toBufferedImage()).pixels()).containsExactly(tiny.pixels());
    }

    @Test
    void missingAndUnreadableFilesAreBadInput() throws IOException {
        assertThatThrownBy(() -> RgbImageLoader.load(tmp.resolve("nope.jpg")))
                .isInstanceOf(BadInputException.class).hasMessageContaining("nope.jpg: image file not found");
        Path text = Files.writeString(tmp.resolve("text.png"), "not a picture");
        assertThatThrownBy(() -> RgbImageLoader.load(text))
                .isInstanceOf(BadInputException.class).hasMessageContaining("text.png: not a readable image");
    }
}
