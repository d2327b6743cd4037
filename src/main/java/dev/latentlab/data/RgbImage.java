package dev.latentlab.data;

import java.awt.image.BufferedImage;

/**
 * An RGB picture as an N x 3 pixel matrix (row-major, pixel after pixel in raster order, 0..255 floats).
 *
 * @param width  the width in pixels
 * @param height the height in pixels
 * @param pixels {@code width * height * 3} values: R, G, B of each pixel
 */
public record RgbImage(int width, int height, float[] pixels) {

    public RgbImage {
        if (width < 1 || height < 1 || pixels.length != width * height * 3) {
            throw new IllegalArgumentException(width + "x" + height + " with " + pixels.length + " values");
        }
    }

    /** Number of pixels N. */
    public int pixelCount() {
        return width * height;
    }

    /** The picture of an opaque RGB image. */
    public static RgbImage of(BufferedImage rgb) {
        int w = rgb.getWidth(), h = rgb.getHeight();
        float[] px = new float[w * h * 3];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = rgb.getRGB(x, y);
                int i = 3 * (y * w + x);
                px[i] = (p >> 16) & 0xff;
                px[i + 1] = (p >> 8) & 0xff;
                px[i + 2] = p & 0xff;
            }
        }
        return new RgbImage(w, h, px);
    }

    /** The same size with other pixels (e.g. a quantized version). */
    public RgbImage withPixels(float[] newPixels) {
        return new RgbImage(width, height, newPixels);
    }

    /** An opaque {@code TYPE_INT_RGB} image, channels rounded and clipped to 0..255. */
    public BufferedImage toBufferedImage() {
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int i = 3 * (y * width + x);
                out.setRGB(x, y, (channel(pixels[i]) << 16) | (channel(pixels[i + 1]) << 8) | channel(pixels[i + 2]));
            }
        }
        return out;
    }

    private static int channel(float v) {
        return Math.max(0, Math.min(255, Math.round(v)));
    }
}
