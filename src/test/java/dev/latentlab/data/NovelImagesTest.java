package dev.latentlab.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** The pictures shipped in configs/images are the ones {@link NovelImages} draws, and load as MNIST-like digits. */
class NovelImagesTest {
    static final Path DIR = Path.of("configs/images");

    @Test
    void theShippedPicturesAreTheGeneratorsDrawings() throws IOException {
        for (String name : NovelImages.NAMES) {
            BufferedImage shipped = ImageIO.read(DIR.resolve(name + ".png").toFile());
            BufferedImage drawn = NovelImages.draw(name);
            assertThat(shipped).as(name).isNotNull();
            assertThat(shipped.getWidth()).isEqualTo(drawn.getWidth());
            assertThat(shipped.getHeight()).isEqualTo(drawn.getHeight());
            long differing = 0;
            for (int y = 0; y < drawn.getHeight(); y++) {
                for (int x = 0; x < drawn.getWidth(); x++) {
                    if ((shipped.getRGB(x, y) & 0xff) != (drawn.getRGB(x, y) & 0xff)) {
                        differing++;
                    }
                }
            }
            // The same drawing; a renderer of another JDK may move a few edge pixels.
            assertThat(differing).as(name).isLessThan(30);
        }
    }

    @Test
    void theyLoadAsWhiteStrokesOnBlack28x28() {
        List<Path> files = NovelImages.NAMES.stream().map(n -> DIR.resolve(n + ".png")).toList();
        ImageSet images = PictureLoader.load(files, 28, 28, PictureLoader.Invert.AUTO);

        assertThat(images.count()).isEqualTo(6);
        for (int i = 0; i < images.count(); i++) {
            int ink = 0;
            for (int p = 0; p < 784; p++) {
                if ((images.pixels()[i * 784 + p] & 0xff) > 127) {
                    ink++;
                }
            }
            // Strokes, not blobs: some ink, mostly background; the border pixels are background.
            assertThat(ink).as(NovelImages.NAMES.get(i)).isBetween(40, 300);
            assertThat(images.pixel(i, 0, 0)).isZero();
            assertThat(images.pixel(i, 27, 27)).isZero();
        }
    }
}
