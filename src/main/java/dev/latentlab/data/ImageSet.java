package dev.latentlab.data;

import java.util.Arrays;
import java.util.Collection;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * An in-memory set of images stored as unsigned bytes (0..255), image after image, each channel-first
 * ({@code [C, H, W]}, row-major; greyscale images have one channel), with optional integer labels (null when the
 * source has none).
 */
public record ImageSet(int count, int channels, int height, int width, byte[] pixels, int[] labels) {
    public ImageSet {
        Objects.requireNonNull(pixels, "pixels");
        if (count < 0 || channels <= 0 || height <= 0 || width <= 0) {
            throw new IllegalArgumentException("bad image set shape " + count + "x" + channels + "x" + height + "x" + width);
        }
        if ((long) count * channels * height * width != pixels.length) {
            throw new IllegalArgumentException("pixels length " + pixels.length + " != " + count + "*" + channels
                    + "*" + height + "*" + width);
        }
        if (labels != null && labels.length != count) {
            throw new IllegalArgumentException("labels length " + labels.length + " != count " + count);
        }
    }

    /** A greyscale (one-channel) set. */
    public ImageSet(int count, int height, int width, byte[] pixels, int[] labels) {
        this(count, 1, height, width, pixels, labels);
    }

    /** Values per image, channels·height·width. */
    public int imageSize() {
        return channels * height * width;
    }

    /** Pixel value 0..255 of image {@code i} at row {@code r}, column {@code c} (of the first channel). */
    public int pixel(int i, int r, int c) {
        return pixels[(i * channels * height + r) * width + c] & 0xff;
    }

    /** The first {@code n} images (all when n >= count). Shares no arrays with this set. */
    public ImageSet head(int n) {
        int m = Math.min(n, count);
        byte[] px = Arrays.copyOf(pixels, m * imageSize());
        int[] lb = labels == null ? null : Arrays.copyOf(labels, m);
        return new ImageSet(m, channels, height, width, px, lb);
    }

    /** The images at {@code indices}, in that order. Shares no arrays with this set. */
    public ImageSet select(int[] indices) {
        int size = imageSize();
        byte[] px = new byte[indices.length * size];
        int[] lb = labels == null ? null : new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(pixels, indices[i] * size, px, i * size, size);
            if (lb != null) {
                lb[i] = labels[indices[i]];
            }
        }
        return new ImageSet(indices.length, channels, height, width, px, lb);
    }

    /**
     * This set followed by {@code other} (same image shape; both labelled or both not). Shares no arrays with
     * either.
     */
    public ImageSet concat(ImageSet other) {
        if (other.channels != channels || other.height != height || other.width != width
                || (other.labels == null) != (labels == null)) {
            throw new IllegalArgumentException("cannot join " + channels + "x" + height + "x" + width + " images"
                    + (labels == null ? "" : " with labels") + " and " + other.channels + "x" + other.height + "x"
                    + other.width + (other.labels == null ? "" : " with labels"));
        }
        byte[] px = Arrays.copyOf(pixels, pixels.length + other.pixels.length);
        System.arraycopy(other.pixels, 0, px, pixels.length, other.pixels.length);
        int[] lb = null;
        if (labels != null) {
            lb = Arrays.copyOf(labels, count + other.count);
            System.arraycopy(other.labels, 0, lb, count, other.count);
        }
        return new ImageSet(count + other.count, channels, height, width, px, lb);
    }

    /** The images whose label is one of {@code keep}, in their original order; this set must have labels. */
    public ImageSet withLabels(Collection<Integer> keep) {
        if (labels == null) {
            throw new IllegalStateException("image set has no labels");
        }
        Set<Integer> wanted = Set.copyOf(keep);
        return select(java.util.stream.IntStream.range(0, count).filter(i -> wanted.contains(labels[i])).toArray());
    }

    /** The distinct labels, ascending (empty without labels). */
    public int[] distinctLabels() {
        if (labels == null) {
            return new int[0];
        }
        TreeSet<Integer> set = new TreeSet<>();
        for (int l : labels) {
            set.add(l);
        }
        return set.stream().mapToInt(Integer::intValue).toArray();
    }
}
