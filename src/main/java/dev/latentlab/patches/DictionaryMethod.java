package dev.latentlab.patches;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How a patch dictionary is fitted: which codebook {@link DictionaryFitter} learns. */
public enum DictionaryMethod {
    /** Full-batch Lloyd k-means: the codebook is the centroids. */
    LLOYD,
    /** Mini-batch k-means: the codebook is the centroids. */
    MINIBATCH,
    /** Sparse coding (MOD dictionary learning with OMP codes): the codebook is the atoms. */
    SPARSE;

    /** The name configs, file names, summaries (JSON) and logs use: lloyd, minibatch or sparse. */
    @JsonValue
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True for the k-means methods (a codebook of centroids). */
    public boolean isKMeans() {
        return this != SPARSE;
    }
}
