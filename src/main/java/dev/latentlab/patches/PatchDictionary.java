package dev.latentlab.patches;

import dev.latentlab.clustering.KMeansResult;

/**
 * A learned k-means patch dictionary: K centroids of {@code patchSize x patchSize} pixels (0..255 scale), the
 * window stride it was learned with, and how many training patches each centroid holds.
 */
public record PatchDictionary(int patchSize, int stride, int k, float[] centroids, long[] counts)
        implements PatchCodebook {

    public PatchDictionary {
        if (patchSize < 1 || stride < 1 || k < 1) {
            throw new IllegalArgumentException("patch size " + patchSize + ", stride " + stride + ", k " + k);
        }
        if (centroids.length != k * patchSize * patchSize) {
            throw new IllegalArgumentException("centroids length " + centroids.length + " != k * patch size^2");
        }
        if (counts.length != k) {
            throw new IllegalArgumentException("counts length " + counts.length + " != k " + k);
        }
    }

    /** The dictionary of a fitted k-means result. */
    public static PatchDictionary of(PatchExtractor patches, KMeansResult result) {
        return new PatchDictionary(patches.size(), patches.stride(), result.k(), result.centroids(), result.counts());
    }

    @Override
    public float[] elements() {
        return centroids;
    }

    @Override
    public long[] usage() {
        return counts;
    }
}
