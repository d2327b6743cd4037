package dev.latentlab.data;

import java.awt.Graphics2D;
import java.awt.Image;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;

/**
 * Loads pictures (PNG, JPEG, GIF, BMP) as MNIST-like greyscale digits: converted to grey with the ITU-R BT.601
 * weights (alpha composited over white), resized to the target size with area averaging when the size differs, and
 * inverted when the picture is mostly light (MNIST digits are white on black; drawings are usually the opposite).
 */
public final class PictureLoader {
    private PictureLoader() {
    }

    /** Whether pictures are inverted to white digits on black: when mostly light (auto), always or never. */
    public enum Invert {
        AUTO, YES, NO
    }

    /** The pictures as one image set of {@code height x width} digits without labels. */
    public static ImageSet load(List<Path> files, int height, int width, Invert invert) {
        byte[] pixels = new byte[files.size() * height * width];
        for (int i = 0; i < files.size(); i++) {
            int[] grey = grey(resize(read(files.get(i)), width, height));
            boolean flip = invert == Invert.YES || (invert == Invert.AUTO && mean(grey) > 127.5);
            for (int p = 0; p < grey.length; p++) {
                pixels[i * height * width + p] = (byte) (flip ? 255 - grey[p] : grey[p]);
            }
        }
        return new ImageSet(files.size(), height, width, pixels, null);
    }

    private static BufferedImage read(Path file) {
        return ImageFileReader.read(file);
    }

    private static BufferedImage resize(BufferedImage image, int width, int height) {
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, width, height);
        Image scaled = image.getWidth() == width && image.getHeight() == height
                ? image : image.getScaledInstance(width, height, Image.SCALE_AREA_AVERAGING);
        g.drawImage(scaled, 0, 0, null);
        g.dispose();
        return out;
    }

    private static int[] grey(BufferedImage rgb) {
        int w = rgb.getWidth(), h = rgb.getHeight();
        int[] out = new int[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = rgb.getRGB(x, y);
                double v = 0.299 * ((p >> 16) & 0xff) + 0.587 * ((p >> 8) & 0xff) + 0.114 * (p & 0xff);
                out[y * w + x] = (int) Math.round(v);
            }
        }
        return out;
    }

    private static double mean(int[] values) {
        double sum = 0;
        for (int v : values) {
            sum += v;
        }
        return values.length == 0 ? 0 : sum / values.length;
    }
}
