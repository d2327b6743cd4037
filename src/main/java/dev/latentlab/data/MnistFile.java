package dev.latentlab.data;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The four files of MNIST: their canonical names, the other spellings accepted, and the official MD5 sums. */
public enum MnistFile {
    TRAIN_IMAGES("6bbc9ace898e44ae57da46a324031adb"),
    TRAIN_LABELS("a25bea736e30d166cdddb491f175f624"),
    TEST_IMAGES("2646ac647ad5339dbf082846283269ea"),
    TEST_LABELS("27ae3e4e09519cfbb04c329615203637");

    private final String md5;

    MnistFile(String md5) {
        this.md5 = md5;
    }

    /** The name before the format: {@code train-images}, {@code t10k-labels}. */
    private String stem() {
        return (name().startsWith("TRAIN") ? "train-" : "t10k-") + (isImages() ? "images" : "labels");
    }

    private boolean isImages() {
        return name().endsWith("IMAGES");
    }

    /** The idx format: images are 3-dimensional ({@code idx3-ubyte}), labels 1-dimensional ({@code idx1-ubyte}). */
    private String format() {
        return isImages() ? "idx3-ubyte" : "idx1-ubyte";
    }

    /** The canonical name, as published: {@code train-images-idx3-ubyte}. */
    public String fileName() {
        return stem() + "-" + format();
    }

    /**
     * Every name this file may have, in order of preference: {@code train-images-idx3-ubyte},
     * {@code train-images.idx3-ubyte}, then both with {@code .gz}.
     */
    public List<String> acceptedNames() {
        String dash = fileName();
        String dot = stem() + "." + format();
        return List.of(dash, dot, dash + ".gz", dot + ".gz");
    }

    /** The official MD5 of the uncompressed file, lowercase hex. */
    public String md5() {
        return md5;
    }

    /** The official MD5 sums of all four files. */
    public static Map<MnistFile, String> officialMd5() {
        Map<MnistFile, String> sums = new EnumMap<>(MnistFile.class);
        for (MnistFile f : values()) {
            sums.put(f, f.md5);
        }
        return sums;
    }
}
