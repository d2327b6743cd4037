package dev.latentlab.spark;

import dev.latentlab.rng.RandomStreams;
import dev.latentlab.data.Augmentation;
import dev.latentlab.data.ImageSet;
import java.util.Random;

/**
 * Shifted and rotated copies of digits, for patch sets larger than memory: copy {@code c} of digit {@code i} is
 * the digit rotated by up to ±15° (bilinear, {@link Augmentation}) and shifted by up to ±2 pixels in each
 * direction (zero fill), rounded back to 0..255. Deterministic: the same seed, digit and copy give the same image
 * on any executor.
 *
 * @param height the digits' height
 * @param width  the digits' width
 * @param seed   the seed every copy is drawn from (with the digit's index and the copy's number)
 */
record DigitCopies(int height, int width, long seed) {
    private static final Augmentation ROTATION = new Augmentation(15, 0, 0);
    private static final int MAX_SHIFT = 2;

    /** Copy {@code copy} (1, 2, …) of image {@code image} of {@code digits}, whose index in the file is {@code index}. */
    ImageSet copy(ImageSet digits, int image, long index, int copy) {
        Random rng = RandomStreams.random(seed, "spark.digit_copy", index, copy);
        int size = height * width;
        float[] unit = new float[size];
        byte[] px = digits.pixels();
        for (int p = 0; p < size; p++) {
            unit[p] = (px[image * size + p] & 0xff) / 255f;
        }
        ROTATION.apply(unit, 0, height, width, rng);
        int dy = rng.nextInt(2 * MAX_SHIFT + 1) - MAX_SHIFT;
        int dx = rng.nextInt(2 * MAX_SHIFT + 1) - MAX_SHIFT;
        byte[] out = new byte[size];
        for (int y = 0; y < height; y++) {
            int sy = y - dy;
            for (int x = 0; x < width; x++) {
                int sx = x - dx;
                if (sy >= 0 && sy < height && sx >= 0 && sx < width) {
                    out[y * width + x] = (byte) Math.round(unit[sy * width + sx] * 255f);
                }
            }
        }
        return new ImageSet(1, height, width, out, null);
    }
}
