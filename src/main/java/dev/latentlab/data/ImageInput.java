package dev.latentlab.data;

import dev.latentlab.BadInputException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The one way the pipelines load images: idx datasets (fetched when missing), npz files and class folders (read at
 * the size and inversion of an {@link ImageSource}), the class names of folders and the relabelling of test folders
 * by those names. What the images are used for (digits kept, limits, sizes a model needs) stays with the task.
 */
public final class ImageInput {
    private ImageInput() {
    }

    /**
     * The training images of {@code source} with their class names (folders only: every folder name, in label
     * order; empty for idx and npz). {@code withTestImages} appends an idx dataset's test images (the papers'
     * protocol).
     */
    public static LabelledImages training(ImageSource source, boolean withTestImages) {
        switch (source.kind()) {
            case NPZ -> {
                return new LabelledImages(NpzReader.readImages(source.npz(), source.imageKey(), source.labelKey(),
                        source.npzFormat()), List.of());
            }
            case FOLDER -> {
                FolderImages read = folderReader(source).readClasses(source.dir(), "data.dir");
                return new LabelledImages(read.images(), read.classNames());
            }
            default -> {
                Path dir = IdxDatasets.dir(source.kind(), source.dir());
                ImageSet images = MnistFiles.train(dir);
                return new LabelledImages(withTestImages ? images.concat(MnistFiles.test(dir)) : images, List.of());
            }
        }
    }

    /** Fetches the idx dataset of {@code source} (MNIST's for another source) when missing and fetching is on. */
    public static void fetchIdx(ImageSource source) throws IOException {
        if (source.fetch()) {
            IdxDatasets.ensure(source.idxKind(), IdxDatasets.dir(source.idxKind(), source.dir()));
        }
    }

    /** The held-out test images of {@code source}'s idx dataset (MNIST's t10k for an npz source). */
    public static ImageSet idxTest(ImageSource source) {
        return MnistFiles.test(IdxDatasets.dir(source.idxKind(), source.dir()));
    }

    /** The name of {@link #idxTest}'s set in reports: mnist_t10k or fashion_t10k. */
    public static String idxTestName(ImageSource source) {
        return IdxDatasets.testName(source.idxKind());
    }

    /**
     * The class folders of {@code dir} (the value of the key {@code key}, as the user wrote it) read as
     * {@code source}'s pictures. With {@code trainClassNames} (the training folders' names), every class must be
     * among them, and when those names are not all integers the labels become the index of each folder's name among
     * them, as in training.
     */
    public static ImageSet testFolders(ImageSource source, String dir, String key, List<String> trainClassNames) {
        FolderImages read = folderReader(source).readClasses(Path.of(dir), key);
        if (trainClassNames == null) {
            return read.images();
        }
        List<String> unknown = read.classNames().stream().filter(n -> !trainClassNames.contains(n)).toList();
        if (!unknown.isEmpty()) {
            throw new BadInputException(key + " " + dir + ": class folders " + unknown
                    + " are not among data.dir's " + trainClassNames);
        }
        return FolderImages.numericNames(trainClassNames) ? read.images()
                : read.labelledByName(trainClassNames::indexOf);
    }

    /** The labelled digits of an npz file read as {@code format} ({@code key}: the key that named it). */
    public static ImageSet labelledNpz(String file, ImageFormat format, String key) {
        ImageSet set = NpzReader.readImages(Path.of(file), null, null, format);
        if (set.labels() == null) {
            throw new BadInputException(file + ": no labels found (" + key + " needs labelled digits)");
        }
        return set;
    }

    private static ImageFolderReader folderReader(ImageSource source) {
        return new ImageFolderReader(source.channels(), source.height(), source.width(), source.invert());
    }
}
