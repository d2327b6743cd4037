package dev.latentlab.data;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;

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

    /**
     * The images with each label replaced by {@code labelOf} of its class folder's name (a model's label for that
     * name, or the name's index among the training folders' names).
     */
    public ImageSet labelledByName(ToIntFunction<String> labelOf) {
        Map<Integer, Integer> byValue = new HashMap<>();
        for (int i = 0; i < labelValues.length; i++) {
            byValue.put(labelValues[i], labelOf.applyAsInt(classNames.get(i)));
        }
        int[] labels = new int[images.count()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = byValue.get(images.labels()[i]);
        }
        return new ImageSet(images.count(), images.channels(), images.height(), images.width(), images.pixels(),
                labels);
    }

    /** Whether every class name is an integer (its value is then the label, as with MNIST digits). */
    public static boolean numericNames(List<String> names) {
        return names.stream().allMatch(n -> n.matches("-?\\d{1,9}"));
    }
}
