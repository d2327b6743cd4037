package dev.latentlab.data;

import dev.latentlab.BadInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the MNIST training and test sets from a directory holding the four idx files under any of the
 * names {@link MnistFile#acceptedNames()} lists (e.g. {@code train-images-idx3-ubyte},
 * {@code train-images.idx3-ubyte}, either with {@code .gz}). Uncompressed files are preferred when both exist.
 */
public final class MnistFiles {
    /** What to run to get the files into {@code data/mnist/}. */
    public static final String FETCH_HINT = "run: java -jar target/trainer.jar data fetch mnist";

    private MnistFiles() {
    }

    /** The 60,000 training digits with their labels. */
    public static ImageSet train(Path dir) {
        return read(dir, MnistFile.TRAIN_IMAGES, MnistFile.TRAIN_LABELS);
    }

    /** The 10,000 test (t10k) digits with their labels. */
    public static ImageSet test(Path dir) {
        return read(dir, MnistFile.TEST_IMAGES, MnistFile.TEST_LABELS);
    }

    /** The path of {@code file} in {@code dir} under the first accepted name that exists, if any. */
    public static Optional<Path> find(Path dir, MnistFile file) {
        for (String name : file.acceptedNames()) {
            Path p = dir.resolve(name);
            if (Files.isRegularFile(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    private static ImageSet read(Path dir, MnistFile images, MnistFile labels) {
        if (!Files.isDirectory(dir)) {
            throw new BadInputException(dir + ": MNIST directory not found (expected it to hold "
                    + String.join(", ", canonicalNames()) + "); " + FETCH_HINT);
        }
        Path imagePath = find(dir, images).orElse(null);
        Path labelPath = find(dir, labels).orElse(null);
        List<String> missing = new ArrayList<>();
        if (imagePath == null) {
            missing.add(describe(images));
        }
        if (labelPath == null) {
            missing.add(describe(labels));
        }
        if (!missing.isEmpty()) {
            throw new BadInputException(dir + ": missing MNIST file" + (missing.size() > 1 ? "s " : " ")
                    + String.join(", ", missing) + (missing.size() > 1 ? " (each " : " (") + "optionally .gz); "
                    + FETCH_HINT);
        }
        return IdxReader.readImages(imagePath, labelPath);
    }

    /** "train-images-idx3-ubyte or train-images.idx3-ubyte". */
    private static String describe(MnistFile file) {
        List<String> names = file.acceptedNames();
        return names.get(0) + " or " + names.get(1);
    }

    private static List<String> canonicalNames() {
        List<String> names = new ArrayList<>();
        for (MnistFile f : MnistFile.values()) {
            names.add(f.fileName());
        }
        return names;
    }
}
