package dev.latentlab.data;

import dev.latentlab.BadInputException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
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
    public static FolderImages training(ImageSource source, boolean withTestImages) {
        switch (source.kind()) {
            case NPZ -> {
                ImageSet images = NpzReader.readImages(source.npz(), source.imageKey(), source.labelKey(),
                        source.npzFormat());
                return new FolderImages(images, List.of(), new int[0], List.of());
            }
            case FOLDER -> {
                return folderReader(source).readClasses(source.dir(), "data.dir");
            }
            default -> {
                Path dir = IdxDatasets.dir(source.kind(), source.dir());
                ImageSet images = MnistFiles.train(dir);
                return new FolderImages(withTestImages ? images.concat(MnistFiles.test(dir)) : images, List.of(),
                        new int[0], List.of());
            }
        }
    }

    /** Fetches the idx dataset of {@code source} (MNIST's for another source) when missing and fetching is on. */
    public static void fetchIdx(ImageSource source) throws IOException {
        if (source.fetch()) {
            IdxDatasets.ensure(idxKind(source), IdxDatasets.dir(idxKind(source), source.dir()));
        }
    }

    /** The held-out test images of {@code source}'s idx dataset (MNIST's t10k for an npz source). */
    public static ImageSet idxTest(ImageSource source) {
        return MnistFiles.test(IdxDatasets.dir(idxKind(source), source.dir()));
    }

    /** The name of {@link #idxTest}'s set in reports: mnist_t10k or fashion_t10k. */
    public static String idxTestName(ImageSource source) {
        return IdxDatasets.testName(idxKind(source));
    }

    /**
     * The class folders of {@code dir} (the key {@code key}) read as {@code source}'s pictures. With
     * {@code trainClassNames} (the training folders' names), every class must be among them, and when those names
     * are not all integers the labels become the index of each folder's name among them, as in training.
     */
    public static ImageSet testFolders(ImageSource source, Path dir, String key, List<String> trainClassNames) {
        FolderImages read = folderReader(source).readClasses(dir, key);
        if (trainClassNames == null) {
            return read.images();
        }
        List<String> unknown = read.classNames().stream().filter(n -> !trainClassNames.contains(n)).toList();
        if (!unknown.isEmpty()) {
            throw new BadInputException(key + " " + dir + ": class folders " + unknown
                    + " are not among data.dir's " + trainClassNames);
        }
        return FolderImages.numericNames(trainClassNames) ? read.images() : relabelByName(read, trainClassNames);
    }

    /** A labelled npz of images read as {@code format} ({@code what}: the key that named it, for the refusal). */
    public static ImageSet labelledNpz(Path file, ImageFormat format, String what) {
        ImageSet set = NpzReader.readImages(file, null, null, format);
        if (set.labels() == null) {
            throw new BadInputException(file + ": no labels found (" + what + " needs labelled images)");
        }
        return set;
    }

    private static ImageSource.Kind idxKind(ImageSource source) {
        return source.kind().isIdx() ? source.kind() : ImageSource.Kind.MNIST;
    }

    private static ImageFolderReader folderReader(ImageSource source) {
        return new ImageFolderReader(source.channels(), source.height(), source.width(), source.invert());
    }

    /** {@code read}'s images labelled by the index of their folder name among {@code names}. */
    private static ImageSet relabelByName(FolderImages read, List<String> names) {
        ImageSet images = read.images();
        List<Integer> values = Arrays.stream(read.labelValues()).boxed().toList();
        int[] labels = new int[images.count()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = names.indexOf(read.classNames().get(values.indexOf(images.labels()[i])));
        }
        return new ImageSet(images.count(), images.channels(), images.height(), images.width(), images.pixels(),
                labels);
    }
}
