package dev.latentlab.data;

import dev.latentlab.BadInputException;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.color.ColorSpace;
import java.awt.image.Raster;
import java.awt.image.BufferedImage;
import java.nio.file.Path;

/**
 * Loads a picture (PNG, JPEG, GIF, BMP) as an RGB pixel matrix at its own size: alpha is composited over white,
 * greyscale and palette images are expanded to RGB. The colour counterpart of {@link PictureLoader}.
 */
public final class RgbImageLoader {
    private RgbImageLoader() {
    }

    /**
     * The picture in {@code file}.
     *
     * @throws BadInputException when the file is missing or is not a readable image
     */
    public static RgbImage load(Path file) {
        BufferedImage image = read(file);
        if (image.getColorModel().getColorSpace().getType() == ColorSpace.TYPE_GRAY) {
            return grey(image);
        }
        BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = rgb.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, rgb.getWidth(), rgb.getHeight());
        g.drawImage(image, 0, 0, null);
        g.dispose();
        return RgbImage.of(rgb);
    }

    /**
     * Grey pictures are read from their raster: Java2D would treat the grey levels as linear light and brighten
     * them on the way to sRGB. Alpha (a second band) is composited over white.
     */
    private static RgbImage grey(BufferedImage image) {
        int w = image.getWidth(), h = image.getHeight();
        Raster raster = image.getRaster();
        int bands = raster.getNumBands();
        double max = (1 << image.getColorModel().getComponentSize(0)) - 1;
        double alphaMax = bands > 1 ? (1 << image.getColorModel().getComponentSize(1)) - 1 : 1;
        float[] px = new float[w * h * 3];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double v = raster.getSample(x, y, 0) * 255.0 / max;
                if (bands > 1) {
                    double a = raster.getSample(x, y, 1) / alphaMax;
                    v = v * a + 255.0 * (1 - a);
                }
                float g = Math.round(v);
                int i = 3 * (y * w + x);
                px[i] = g;
                px[i + 1] = g;
                px[i + 2] = g;
            }
        }
        return new RgbImage(w, h, px);
    }

    private static BufferedImage read(Path file) {
        return ImageFileReader.read(file);
    }
}
