package dev.latentlab.patches;

import dev.latentlab.data.ImageSet;

/**
 * Zero padding of {@code height x width} images up to multiples of the tile size, centred (one pixel more after
 * than before when the padding is odd), and the crop back: 28x28 with 5x5 tiles pads one pixel on every side to
 * 30x30.
 */
public record TilePadding(int height, int width, int tile) {

    public TilePadding {
        if (height < 1 || width < 1 || tile < 1) {
            throw new IllegalArgumentException("image " + height + "x" + width + ", tile " + tile);
        }
    }

    public int paddedHeight() {
        return (height + tile - 1) / tile * tile;
    }

    public int paddedWidth() {
        return (width + tile - 1) / tile * tile;
    }

    /** Rows of padding above the image. */
    public int top() {
        return (paddedHeight() - height) / 2;
    }

    /** Columns of padding left of the image. */
    public int left() {
        return (paddedWidth() - width) / 2;
    }

    /** The images, each in the middle of a zero canvas of the padded size. */
    public ImageSet pad(ImageSet images) {
        checkShape(images.height(), images.width());
        int ph = paddedHeight();
        int pw = paddedWidth();
        byte[] out = new byte[images.count() * ph * pw];
        for (int i = 0; i < images.count(); i++) {
            for (int y = 0; y < height; y++) {
                System.arraycopy(images.pixels(), i * height * width + y * width, out,
                        i * ph * pw + (y + top()) * pw + left(), width);
            }
        }
        return new ImageSet(images.count(), ph, pw, out, images.labels());
    }

    /** The original-size middle of {@code count} padded images (float pixels, image after image). */
    public float[] crop(float[] padded, int count) {
        int ph = paddedHeight();
        int pw = paddedWidth();
        if (padded.length != count * ph * pw) {
            throw new IllegalArgumentException(padded.length + " values for " + count + " images of " + ph + "x" + pw);
        }
        float[] out = new float[count * height * width];
        for (int i = 0; i < count; i++) {
            for (int y = 0; y < height; y++) {
                System.arraycopy(padded, i * ph * pw + (y + top()) * pw + left(), out, i * height * width + y * width, width);
            }
        }
        return out;
    }

    private void checkShape(int h, int w) {
        if (h != height || w != width) {
            throw new IllegalArgumentException("images of " + h + "x" + w + ", padding made for " + height + "x" + width);
        }
    }
}
