package dev.latentlab.data;

import java.util.Random;

/**
 * Training-time image augmentation on [0, 1] greyscale images: a random rotation by up to ±{@code rotationDegrees}
 * about the centre (bilinear, zero fill), a random shift by up to ±{@code shiftPixels} whole pixels on each axis
 * (zero fill; DEC-DA's augmentation with the rotation), a horizontal flip with probability
 * {@code flipProbability}, and additive Gaussian noise of standard deviation {@code noiseStd} clipped back to
 * [0, 1]. All off when zero.
 * Plain Java: DataVec's transforms go through OpenCV and were measured 10x slower for 28x28 digits
 * (src/site/markdown/architecture.md, "Why augmentation is plain Java").
 */
public record Augmentation(double rotationDegrees, double flipProbability, double noiseStd, int shiftPixels) {
    public static final Augmentation NONE = new Augmentation(0, 0, 0, 0);

    /** Without the shift. */
    public Augmentation(double rotationDegrees, double flipProbability, double noiseStd) {
        this(rotationDegrees, flipProbability, noiseStd, 0);
    }

    public Augmentation {
        if (shiftPixels < 0) {
            throw new IllegalArgumentException("shift pixels must be >= 0, got " + shiftPixels);
        }
        if (!(rotationDegrees >= 0 && rotationDegrees <= 180)) {
            throw new IllegalArgumentException("rotation degrees must be in [0, 180], got " + rotationDegrees);
        }
        if (!(flipProbability >= 0 && flipProbability <= 1)) {
            throw new IllegalArgumentException("flip probability must be in [0, 1], got " + flipProbability);
        }
        if (!(noiseStd >= 0 && Double.isFinite(noiseStd))) {
            throw new IllegalArgumentException("noise std must be finite and >= 0, got " + noiseStd);
        }
    }

    /** Whether any transformation is on. */
    public boolean active() {
        return rotationDegrees > 0 || flipProbability > 0 || noiseStd > 0 || shiftPixels > 0;
    }

    /** Applies the augmentation to {@code image[offset .. offset + h*w)} in place. */
    public void apply(float[] image, int offset, int h, int w, Random rng) {
        if (rotationDegrees > 0) {
            rotate(image, offset, h, w, Math.toRadians((rng.nextDouble() * 2 - 1) * rotationDegrees));
        }
        if (shiftPixels > 0) {
            shift(image, offset, h, w, rng.nextInt(2 * shiftPixels + 1) - shiftPixels,
                    rng.nextInt(2 * shiftPixels + 1) - shiftPixels);
        }
        if (flipProbability > 0 && rng.nextDouble() < flipProbability) {
            for (int y = 0; y < h; y++) {
                int row = offset + y * w;
                for (int x = 0; x < w / 2; x++) {
                    float t = image[row + x];
                    image[row + x] = image[row + w - 1 - x];
                    image[row + w - 1 - x] = t;
                }
            }
        }
        if (noiseStd > 0) {
            for (int p = offset; p < offset + h * w; p++) {
                image[p] = (float) Math.min(1, Math.max(0, image[p] + rng.nextGaussian() * noiseStd));
            }
        }
    }

    private static void rotate(float[] image, int offset, int h, int w, double angle) {
        float[] src = java.util.Arrays.copyOfRange(image, offset, offset + h * w);
        double cos = Math.cos(angle), sin = Math.sin(angle);
        double cy = (h - 1) / 2.0, cx = (w - 1) / 2.0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                // inverse mapping: where in the source does this output pixel come from
                double sx = cos * (x - cx) + sin * (y - cy) + cx;
                double sy = -sin * (x - cx) + cos * (y - cy) + cy;
                image[offset + y * w + x] = bilinear(src, h, w, sy, sx);
            }
        }
    }

    /** Moves the image {@code dy} rows down and {@code dx} columns right; what comes in is 0. */
    private static void shift(float[] image, int offset, int h, int w, int dy, int dx) {
        float[] src = java.util.Arrays.copyOfRange(image, offset, offset + h * w);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                image[offset + y * w + x] = at(src, h, w, y - dy, x - dx);
            }
        }
    }

    private static float bilinear(float[] src, int h, int w, double y, double x) {
        int x0 = (int) Math.floor(x), y0 = (int) Math.floor(y);
        double fx = x - x0, fy = y - y0;
        return (float) ((1 - fy) * ((1 - fx) * at(src, h, w, y0, x0) + fx * at(src, h, w, y0, x0 + 1))
                + fy * ((1 - fx) * at(src, h, w, y0 + 1, x0) + fx * at(src, h, w, y0 + 1, x0 + 1)));
    }

    private static float at(float[] src, int h, int w, int y, int x) {
        return y < 0 || y >= h || x < 0 || x >= w ? 0f : src[y * w + x];
    }
}
