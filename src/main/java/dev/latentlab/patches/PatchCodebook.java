package dev.latentlab.patches;

/**
 * A learned set of K patch elements that codes {@code patchSize x patchSize} windows: k-means centroids (each
 * window becomes its nearest centroid, {@link PatchDictionary}) or sparse-coding atoms (each window becomes a
 * combination of at most T atoms, {@link SparseDictionary}).
 */
public sealed interface PatchCodebook permits PatchDictionary, SparseDictionary {
    /** The side of the square patches. */
    int patchSize();

    /** The window stride the elements were learned with (also the stride of overlapping reconstruction). */
    int stride();

    /** Number of elements K. */
    int k();

    /** The K x D elements, row-major (centroids on the 0..255 scale, or unit-norm atoms). */
    float[] elements();

    /** How many training patches use each element. */
    long[] usage();

    /** The window geometry the codebook was learned with. */
    default PatchExtractor extractor() {
        return new PatchExtractor(patchSize(), stride());
    }

    /** Element {@code e} as a copy of its pixels. */
    default float[] element(int e) {
        int d = patchSize() * patchSize();
        return java.util.Arrays.copyOfRange(elements(), e * d, (e + 1) * d);
    }

    /** Element indices ordered by decreasing usage (ties by index). */
    default int[] byUsage() {
        long[] usage = usage();
        return java.util.stream.IntStream.range(0, k()).boxed()
                .sorted((a, b) -> usage[a] != usage[b] ? Long.compare(usage[b], usage[a]) : Integer.compare(a, b))
                .mapToInt(Integer::intValue).toArray();
    }
}
