package dev.latentlab.data;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The four files of MNIST: their canonical names, the other spellings accepted, and the official MD5 sums. */
public enum MnistFile {
    TRAIN_IMAGES("train-images", "idx3-ubyte", "6bbc9ace898e44ae57da46a324031adb"),
    TRAIN_LABELS("train-labels", "idx1-ubyte", "a25bea736e30d166cdddb491f175f624"),
    TEST_IMAGES("t10k-images", "idx3-ubyte", "2646ac647ad5339dbf082846283269ea"),
    TEST_LABELS("t10k-labels", "idx1-ubyte", "27ae3e4e09519cfbb04c329615203637");

    private final String stem;
    private final String format;
    private final String md5;

    MnistFile(String stem, String format, String md5) {
        this.stem = stem;
        this.format = format;
        this.md5 = md5;
    }

    /** The canonical name, as published: {@code train-images-idx3-ubyte}. */
    public String fileName() {
        return stem + "-" + format;
    }

    /**
     * Every name this file may have, in order of preference: {@code train-images-idx3-ubyte},
     * {@code train-images.idx3-ubyte}, then both with {@code .gz}.
     */
    public List<String> acceptedNames() {
        String dash = stem + "-" + format;
        String dot = stem + "." + format;
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
