package dev.latentlab.data;

import java.util.List;

/**
 * Training images with the names of their classes.
 *
 * @param images     the images
 * @param classNames class folders' names in label order (label i is the folder's value, see {@link FolderImages});
 *                   empty for idx and npz sources
 */
public record LabelledImages(ImageSet images, List<String> classNames) {
    public LabelledImages {
        classNames = List.copyOf(classNames);
    }
}
