package dev.latentlab.patches;

import dev.latentlab.clustering.PointBlocks;
import dev.latentlab.data.ImageSet;

/**
 * Cuts square windows ("patches") out of images: every {@code size x size} window at positions
 * {@code 0, stride, 2*stride, …} in each direction, image after image, row-major, pixel values 0..255 as floats.
 * Blank (all-zero) windows can be dropped, as the patch dictionary does.
 */
public record PatchExtractor(int size, int stride) {

    public PatchExtractor {
        if (size < 1 || stride < 1) {
            throw new IllegalArgumentException("patch size " + size + " and stride " + stride + " must be >= 1");
        }
    }

    /** Patch dimension D = size * size. */
    public int dim() {
        return size * size;
    }

    /** Window positions along an axis of {@code length} pixels (0 if the window does not fit). */
    public int positions(int length) {
        return length < size ? 0 : (length - size) / stride + 1;
    }

    /** Windows per image of the given shape. */
    public int windowsPerImage(int height, int width) {
        return positions(height) * positions(width);
    }

    /** Counts the windows of all images, non-blank only when {@code dropBlank}. */
    public long count(ImageSet images, boolean dropBlank) {
        if (!dropBlank) {
            return (long) images.count() * windowsPerImage(images.height(), images.width());
        }
        long n = 0;
        for (int i = 0; i < images.count(); i++) {
            for (int r = 0; r < positions(images.height()); r++) {
                for (int c = 0; c < positions(images.width()); c++) {
                    if (!isBlank(images, i, r * stride, c * stride)) {
                        n++;
                    }
                }
            }
        }
        return n;
    }

    /** The windows of all images as rows of a matrix (order: image, window row, window column). */
    public PointBlocks extract(ImageSet images, boolean dropBlank) {
        checkFits(images);
        long n = count(images, dropBlank);
        PointBlocks.Builder builder = new PointBlocks.Builder(dim(), n);
        float[] patch = new float[dim()];
        for (int i = 0; i < images.count(); i++) {
            for (int r = 0; r < positions(images.height()); r++) {
                for (int c = 0; c < positions(images.width()); c++) {
                    if (copy(images, i, r * stride, c * stride, patch) || !dropBlank) {
                        builder.add(patch, 0);
                    }
                }
            }
        }
        return builder.build();
    }

    /** Whether the window of image {@code i} with top-left corner (top, left) is all zeros. */
    public boolean isBlank(ImageSet images, int i, int top, int left) {
        byte[] px = images.pixels();
        int w = images.width();
        int base = i * images.imageSize();
        for (int y = 0; y < size; y++) {
            int row = base + (top + y) * w + left;
            for (int x = 0; x < size; x++) {
                if (px[row + x] != 0) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Copies a window into {@code out}; returns whether it has a non-zero pixel. */
    public boolean copy(ImageSet images, int i, int top, int left, float[] out) {
        byte[] px = images.pixels();
        int w = images.width();
        int base = i * images.imageSize();
        boolean any = false;
        for (int y = 0; y < size; y++) {
            int row = base + (top + y) * w + left;
            for (int x = 0; x < size; x++) {
                int v = px[row + x] & 0xff;
                out[y * size + x] = v;
                any |= v != 0;
            }
        }
        return any;
    }

    private void checkFits(ImageSet images) {
        if (positions(images.height()) == 0 || positions(images.width()) == 0) {
            throw new IllegalArgumentException("patch size " + size + " does not fit images of "
                    + images.height() + "x" + images.width());
        }
    }
}
