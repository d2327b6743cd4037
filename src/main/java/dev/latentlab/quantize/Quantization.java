package dev.latentlab.quantize;

/**
 * One quantized image.
 *
 * @param method     the method
 * @param k          the palette size asked for
 * @param pixels     the quantized pixels, N x 3 row-major, 0..255
 * @param palette    the palette, K x 3 row-major, 0..255 (GMM sampling: the component means)
 * @param labels     each pixel's palette entry (GMM sampling: the component its colour was drawn from)
 * @param mse        mean squared error per channel against the original, 0..255 scale
 * @param psnr       peak signal-to-noise ratio in dB (255 peak)
 * @param seconds    wall time of the fit and the assignment
 * @param iterations k-means iterations / mini-batch steps / EM iterations (0 for the random palette)
 */
public record Quantization(QuantizeMethod method, int k, float[] pixels, float[] palette, int[] labels, double mse,
                           double psnr, double seconds, int iterations) {
}
