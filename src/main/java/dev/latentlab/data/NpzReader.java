package dev.latentlab.data;

import dev.latentlab.BadInputException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads numpy {@code .npz} files, from {@code np.savez} (stored) and {@code np.savez_compressed} (deflated)
 * alike, with a {@code .npy} parser of its own ({@link NpyArray}: bool, int8..int64, uint8..uint64, float32,
 * float64; either byte order; C or Fortran order). Every problem with the file's content is a one-line
 * {@link BadInputException} that names the file, the key and what was expected.
 *
 * <pre>{@code ImageSet heldOut = NpzReader.readImages(Path.of("held_out.npz"), null, null);}</pre>
 */
public final class NpzReader {
    private NpzReader() {
    }

    /**
     * Reads images and their labels. Null keys are detected: the one known image name present (images, x,
     * X, x_train, x_test, data …, or the only array), and its partner label name (labels, y, y_train, y_test,
     * target …); the set's labels are null when no label key is given and none is found. See
     * {@link ImageArrays} for the accepted shapes and value ranges.
     *
     * @param imageKey the images' array name, or null to detect it
     * @param labelKey the labels' array name, or null to detect it
     */
    public static ImageSet readImages(Path npz, String imageKey, String labelKey) {
        return readImages(npz, imageKey, labelKey, ImageFormat.OPTIONS);
    }

    /** As {@link #readImages(Path, String, String)}, the images read with {@code format}'s layout and scale. */
    public static ImageSet readImages(Path npz, String imageKey, String labelKey, ImageFormat format) {
        try (NpzArchive archive = NpzArchive.open(npz)) {
            NpzKeys.Choice keys = NpzKeys.choose(archive, imageKey, labelKey);
            ImageSet images = ImageArrays.images(archive.read(keys.image()), npz + ": images '" + keys.image() + "'",
                    format);
            if (keys.label() == null) {
                return images;
            }
            int[] labels = ImageArrays.labels(archive.read(keys.label()), npz + ": labels '" + keys.label() + "'");
            if (labels.length != images.count()) {
                throw new BadInputException(npz + ": images '" + keys.image() + "' hold " + images.count()
                        + " images but labels '" + keys.label() + "' hold " + labels.length
                        + " labels (expected the same count)");
            }
            return new ImageSet(images.count(), images.channels(), images.height(), images.width(), images.pixels(),
                    labels);
        }
    }

    /** The names of the arrays in the file, in archive order. */
    public static List<String> keys(Path npz) {
        try (NpzArchive archive = NpzArchive.open(npz)) {
            return archive.keys();
        }
    }

    /** Every array in the file, by name, in archive order. */
    public static Map<String, NpyArray> readArrays(Path npz) {
        try (NpzArchive archive = NpzArchive.open(npz)) {
            Map<String, NpyArray> out = new LinkedHashMap<>();
            for (String key : archive.keys()) {
                out.put(key, archive.read(key));
            }
            return out;
        }
    }
}
