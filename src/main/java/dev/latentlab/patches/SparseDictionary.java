package dev.latentlab.patches;

/**
 * A learned sparse-coding dictionary: K unit-norm atoms of {@code patchSize x patchSize} pixels, each window coded
 * by OMP with at most {@code nonZeros} of them ({@link SparseCoder}), the window stride it was learned with, and
 * how many training patches use each atom.
 */
public record SparseDictionary(int patchSize, int stride, int k, int nonZeros, float[] atoms, long[] usage)
        implements PatchCodebook {

    public SparseDictionary {
        if (patchSize < 1 || stride < 1 || k < 1 || nonZeros < 1) {
            throw new IllegalArgumentException("patch size " + patchSize + ", stride " + stride + ", k " + k
                    + ", non-zeros " + nonZeros);
        }
        if (atoms.length != k * patchSize * patchSize) {
            throw new IllegalArgumentException("atoms length " + atoms.length + " != k * patch size^2");
        }
        if (usage.length != k) {
            throw new IllegalArgumentException("usage length " + usage.length + " != k " + k);
        }
    }

    /** The dictionary of a fitted dictionary-learning result. */
    public static SparseDictionary of(PatchExtractor patches, SparseCodingResult result) {
        return new SparseDictionary(patches.size(), patches.stride(), result.k(), result.nonZeros(), result.atoms(),
                result.usage());
    }

    @Override
    public float[] elements() {
        return atoms;
    }
}
