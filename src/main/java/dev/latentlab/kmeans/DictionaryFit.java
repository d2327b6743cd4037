package dev.latentlab.kmeans;

/**
 * One fitted codebook of a patch-dictionary run and the figures of its fit (MSE per pixel on the 0..255 scale;
 * {@code unused}: elements no training patch uses).
 */
public record DictionaryFit(PatchCodebook codebook, int iterations, boolean converged, double secondsPerIteration,
                            double fitSeconds, double trainMse, int unused) {
}
