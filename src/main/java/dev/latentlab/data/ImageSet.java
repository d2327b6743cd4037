package dev.latentlab.data;

import java.util.Objects;

/**
 * An in-memory set of greyscale images stored as unsigned bytes (0..255), row-major, image after image,
 * with optional integer labels (null when the source has none).
 */
public record ImageSet(int count, int height, int width, byte[] pixels, int[] labels) {
    public ImageSet {
        Objects.requireNonNull(pixels, "pixels");
        if (count < 0 || height <= 0 || width <= 0) {
            throw new IllegalArgumentException("bad image set shape " + count + "x" + height + "x" + width);
        }
        if ((long) count * height * width != pixels.length) {
            throw new IllegalArgumentException("pixels length " + pixels.length + " != " + count + "*" + height + "*" + width);
        }
        if (labels != null && labels.length != count) {
            throw new IllegalArgumentException("labels length " + labels.length + " != count " + count);
        }
    }

    /** Pixels per image. */
    public int imageSize() {
        return height * width;
    }

    /** Pixel value 0..255 of image {@code i} at row {@code r}, column {@code c}. */
    public int pixel(int i, int r, int c) {
        return pixels[(i * height + r) * width + c] & 0xff;
    }

    /** The first {@code n} images (all when n >= count). Shares no arrays with this set. */
    public ImageSet head(int n) {
        int m = Math.min(n, count);
        byte[] px = java.util.Arrays.copyOf(pixels, m * imageSize());
        int[] lb = labels == null ? null : java.util.Arrays.copyOf(labels, m);
        return new ImageSet(m, height, width, px, lb);
    }
}
