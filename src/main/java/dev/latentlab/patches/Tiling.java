package dev.latentlab.patches;

import java.util.Arrays;
import java.util.Locale;

/** How an image is cut into windows to be rebuilt from a patch codebook. */
public enum Tiling {
    /**
     * Every window at the codebook's stride (overlapping); each pixel is the mean of the approximations of the
     * windows covering it. Blank windows are not coded and contribute zeros.
     */
    OVERLAP,
    /**
     * The image zero-padded (centred) to a multiple of the patch size, e.g. 28x28 to 30x30 for 5x5 patches, cut into
     * non-overlapping tiles (36 for MNIST) and cropped back. Every tile is coded; a k-means codebook gets an extra
     * all-zero "null" centroid, so blank and nearly blank tiles become zeros; sparse codes of a blank tile are empty.
     */
    PADDED;

    /** The name used in configs and on the command line. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The tiling called {@code name}; an unknown name is an IllegalArgumentException naming both choices. */
    public static Tiling fromConfigName(String name) {
        return Arrays.stream(values()).filter(t -> t.configName().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("tiling " + name + ": expected overlap or padded"));
    }
}
