package dev.latentlab.quantize;

import java.util.Arrays;

/** Error, distinct colours and compression figures of N x 3 pixel arrays (0..255). */
public final class ColourStats {
    private ColourStats() {
    }

    /** Mean squared error per channel between two pixel arrays of the same length. */
    public static double mse(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException(a.length + " vs " + b.length + " values");
        }
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            double d = a[i] - b[i];
            sum += d * d;
        }
        return a.length == 0 ? 0 : sum / a.length;
    }

    /** PSNR in dB for a peak of 255; infinite for MSE 0. */
    public static double psnr(double mse) {
        return mse == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(255.0 * 255.0 / mse);
    }

    /** Number of distinct colours (each channel rounded to 0..255). */
    public static int distinctColours(float[] pixels) {
        int n = pixels.length / 3;
        int[] packed = new int[n];
        for (int i = 0; i < n; i++) {
            packed[i] = (channel(pixels[3 * i]) << 16) | (channel(pixels[3 * i + 1]) << 8) | channel(pixels[3 * i + 2]);
        }
        Arrays.sort(packed);
        int distinct = n == 0 ? 0 : 1;
        for (int i = 1; i < n; i++) {
            if (packed[i] != packed[i - 1]) {
                distinct++;
            }
        }
        return distinct;
    }

    /** Bits per palette index: ceil(log2 K), 0 for K = 1. */
    public static int bitsPerIndex(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k " + k);
        }
        return 32 - Integer.numberOfLeadingZeros(k - 1);
    }

    /** Bytes of a palette of K 24-bit colours plus N packed indices of {@link #bitsPerIndex} bits. */
    public static long compressedBytes(long pixels, int k) {
        return 3L * k + (pixels * bitsPerIndex(k) + 7) / 8;
    }

    /** Bytes of N raw 24-bit pixels. */
    public static long rawBytes(long pixels) {
        return 3L * pixels;
    }

    /** Raw bytes over palette-plus-indices bytes. */
    public static double compressionRatio(long pixels, int k) {
        return (double) rawBytes(pixels) / compressedBytes(pixels, k);
    }

    /** A channel value rounded and clipped to 0..255. */
    public static int channel(float v) {
        return Math.max(0, Math.min(255, Math.round(v)));
    }
}
