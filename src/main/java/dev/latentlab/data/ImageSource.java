package dev.latentlab.data;

import java.nio.file.Path;

/**
 * Where a task's images come from, in {@link ImageInput}'s terms: a task maps its config's {@code data:} section to
 * one.
 *
 * @param kind      an idx dataset (MNIST, Fashion-MNIST: training and t10k files), an npz file or class folders
 * @param dir       the idx folder (Fashion-MNIST's default folder for the MNIST default) or the training class folders
 * @param fetch     fetch a missing idx dataset
 * @param npz       the npz file ({@code kind} NPZ)
 * @param imageKey  its image array (null: found by shape)
 * @param labelKey  its label array (null: found by name)
 * @param npzFormat how npz arrays are read (layout and scale)
 * @param invert    how class-folder pictures are inverted
 * @param channels  class-folder pictures: channels, height, width they are read at
 * @param height    see {@code channels}
 * @param width     see {@code channels}
 */
public record ImageSource(Kind kind, Path dir, boolean fetch, Path npz, String imageKey, String labelKey,
                          ImageFormat npzFormat, PictureLoader.Invert invert, int channels, int height, int width) {

    /** The sources a config's {@code data.source} names. */
    public enum Kind {
        MNIST("mnist"), FASHION_MNIST("fashion-mnist"), NPZ("npz"), FOLDER("folder");

        private final String yamlName;

        Kind(String yamlName) {
            this.yamlName = yamlName;
        }

        /** The name a config writes. */
        public String yamlName() {
            return yamlName;
        }

        /** Whether this is an idx dataset. */
        public boolean isIdx() {
            return this == MNIST || this == FASHION_MNIST;
        }
    }

    /** The idx dataset a held-out t10k comes from: this source's, or MNIST's for another source. */
    public Kind idxKind() {
        return kind.isIdx() ? kind : Kind.MNIST;
    }
}
