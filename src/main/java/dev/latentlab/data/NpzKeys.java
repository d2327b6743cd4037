package dev.latentlab.data;

import dev.latentlab.BadInputException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Chooses the image and label arrays of an {@code .npz} file: the keys the user names, or else the one known
 * image name present (images, x, X, x_train, x_test, data …) and its partner label name (labels, y, y_train,
 * y_test, target …). Several candidates present at once is ambiguous and an error that lists the keys.
 */
final class NpzKeys {
    /** Known (image key, label key) pairs, most common first. */
    private static final String[][] PAIRS = {
        {"images", "labels"}, {"x", "y"}, {"X", "y"}, {"X", "Y"}, {"x_train", "y_train"}, {"X_train", "y_train"},
        {"x_test", "y_test"}, {"X_test", "y_test"}, {"x_val", "y_val"}, {"X_val", "y_val"},
        {"x_valid", "y_valid"}, {"X_valid", "y_valid"}, {"data", "target"}, {"data", "labels"},
        {"data", "targets"}, {"imgs", "labels"}, {"image", "label"}, {"img", "label"}, {"inputs", "targets"},
        {"features", "labels"}, {"train_images", "train_labels"}, {"test_images", "test_labels"},
    };

    /** The chosen keys; {@code label} is null when the file has no labels and none were asked for. */
    record Choice(String image, String label) {
    }

    private NpzKeys() {
    }

    static Choice choose(NpzArchive npz, String imageKey, String labelKey) {
        List<String> keys = npz.keys();
        String image = imageKey != null ? require(npz, imageKey, "image") : detectImage(npz, keys);
        String label = labelKey != null ? require(npz, labelKey, "label") : detectLabel(npz, keys, image);
        if (image.equals(label)) {
            throw new BadInputException(npz.file() + ": image and label key are both '" + image + "'");
        }
        return new Choice(image, label);
    }

    private static String require(NpzArchive npz, String key, String what) {
        if (!npz.has(key)) {
            throw new BadInputException(npz.file() + ": no " + what + " array '" + key + "' (keys: "
                    + listed(npz.keys()) + ")");
        }
        return key;
    }

    private static String detectImage(NpzArchive npz, List<String> keys) {
        Set<String> found = new LinkedHashSet<>();
        for (String[] pair : PAIRS) {
            if (keys.contains(pair[0])) {
                found.add(pair[0]);
            }
        }
        if (found.size() == 1) {
            return found.iterator().next();
        }
        if (found.isEmpty() && keys.size() == 1) {
            return keys.get(0);
        }
        String reason = found.isEmpty() ? "no image array found" : "several image arrays (" + listed(found) + ")";
        throw new BadInputException(npz.file() + ": " + reason + "; keys: " + listed(keys)
                + " (name the image key, and the label key if any)");
    }

    private static String detectLabel(NpzArchive npz, List<String> keys, String image) {
        for (String[] pair : PAIRS) {
            if (pair[0].equals(image) && keys.contains(pair[1])) {
                return pair[1];
            }
        }
        Set<String> found = new LinkedHashSet<>();
        for (String[] pair : PAIRS) {
            if (keys.contains(pair[1]) && !pair[1].equals(image)) {
                found.add(pair[1]);
            }
        }
        if (found.size() <= 1) {
            return found.isEmpty() ? null : found.iterator().next();
        }
        throw new BadInputException(npz.file() + ": several label arrays (" + listed(found) + ") for images '"
                + image + "'; keys: " + listed(keys) + " (name the label key)");
    }

    private static String listed(Iterable<String> keys) {
        String s = String.join(", ", keys);
        return s.isEmpty() ? "none" : s;
    }
}
