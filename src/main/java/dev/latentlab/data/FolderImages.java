package dev.latentlab.data;

import java.nio.file.Path;
import java.util.List;

/**
 * Images read from files, with where each came from.
 *
 * @param images     the images (labels null when read without classes)
 * @param classNames the class folder names, label order: {@code classNames.get(i)} is the name of label
 *                   {@code labelValues[i]}; empty without classes
 * @param labelValues the integer label of each class name (its value when every name is an integer, else its
 *                    index in the sorted names)
 * @param files      the file of each image, in image order
 */
public record FolderImages(ImageSet images, List<String> classNames, int[] labelValues, List<Path> files) {
    public FolderImages {
        classNames = List.copyOf(classNames);
        files = List.copyOf(files);
        if (labelValues.length != classNames.size()) {
            throw new IllegalArgumentException(labelValues.length + " label values for " + classNames.size() + " names");
        }
    }

    /** Whether every class name is an integer (its value is then the label, as with MNIST digits). */
    public static boolean numericNames(List<String> names) {
        return names.stream().allMatch(n -> n.matches("-?\\d{1,9}"));
    }
}
