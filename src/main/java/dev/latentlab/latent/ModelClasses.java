package dev.latentlab.latent;

import com.fasterxml.jackson.databind.JsonNode;
import dev.latentlab.BadInputException;
import dev.latentlab.data.FolderImages;
import dev.latentlab.data.ImageSet;
import dev.latentlab.mixture.GmmFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/**
 * The classes a saved VAE + GMM model knows, from its model.json: {@code class_names} (a model trained on class
 * folders with text names: label i is name i) or the integer labels it was trained on ({@code labels}, else
 * {@code digits}, else the labels its components map to). Maps the class folders of a picture folder onto them and
 * refuses folders the model does not know, instead of counting every image wrong.
 *
 * @param classNames the model's class names in label order; empty when its labels are plain integers
 * @param labels     the integer labels the model was trained on, ascending
 */
public record ModelClasses(List<String> classNames, List<Integer> labels) {

    /** The classes of the model in {@code dir} (its model.json; gmm/ for models saved without labels). */
    public static ModelClasses of(Path dir) {
        JsonNode meta = LatentClassifierFiles.metadata(dir);
        List<String> names = new ArrayList<>();
        meta.path("class_names").forEach(n -> names.add(n.asText()));
        TreeSet<Integer> labels = new TreeSet<>();
        JsonNode known = meta.path("labels").isArray() && meta.path("labels").size() > 0 ? meta.path("labels")
                : meta.path("digits");
        known.forEach(n -> labels.add(n.asInt()));
        if (!names.isEmpty()) {
            labels.clear();
            for (int i = 0; i < names.size(); i++) {
                labels.add(i);
            }
        } else if (labels.isEmpty()) {
            Arrays.stream(GmmFiles.loadClassifier(dir.resolve("gmm")).mapping().componentLabels()).forEach(labels::add);
        }
        return new ModelClasses(List.copyOf(names), List.copyOf(labels));
    }

    /** What {@code --known-only} says to a user whose data holds classes the model does not know. */
    public static final String KNOWN_ONLY_HINT = "evaluate the known classes only with --known-only";

    /**
     * The class folder names the model does not know: refused, naming them, unless {@code knownOnly}; with it,
     * refused only when the model knows none of them.
     */
    public List<String> unknownFolders(List<String> folderNames, String what, boolean knownOnly) {
        List<String> unknown = folderNames.stream().filter(n -> !labels.contains(labelOf(n))).toList();
        if (!unknown.isEmpty() && !knownOnly) {
            throw new BadInputException(what + ": class folders " + unknown + " are not classes of the model (it knows "
                    + known() + "; " + KNOWN_ONLY_HINT + ")");
        }
        if (!unknown.isEmpty() && unknown.size() == folderNames.size()) {
            throw new BadInputException(what + ": no class folder is a class of the model (it knows " + known() + ")");
        }
        return unknown;
    }

    /**
     * Labelled images (npz, idx) against the model's labels, by the same rule as class folders: labels the model
     * does not know are refused, naming them, unless {@code knownOnly}, which keeps the images of known labels
     * (and says how many it left out).
     */
    public ImageSet known(ImageSet images, String what, boolean knownOnly) {
        TreeSet<Integer> unknown = new TreeSet<>();
        int left = 0;
        for (int label : images.labels()) {
            if (!labels.contains(label)) {
                unknown.add(label);
                left++;
            }
        }
        if (unknown.isEmpty()) {
            return images;
        }
        if (!knownOnly) {
            throw new BadInputException(what + ": labels " + unknown + " (" + left + " of " + images.count()
                    + " images) are not classes of the model (it knows " + known() + "; " + KNOWN_ONLY_HINT + ")");
        }
        if (left == images.count()) {
            throw new BadInputException(what + ": no image has a label of the model (it knows " + known() + ")");
        }
        System.err.println("--known-only: left out " + left + " of " + images.count() + " images, labels " + unknown
                + " (not classes of the model)");
        return images.withLabels(labels);
    }

    private Object known() {
        return classNames.isEmpty() ? labels : classNames;
    }

    /** The model's label of a class folder name; Integer.MIN_VALUE when it has none. */
    private int labelOf(String name) {
        if (classNames.isEmpty()) {
            return name.matches("-?\\d{1,9}") ? Integer.parseInt(name) : Integer.MIN_VALUE;
        }
        int i = classNames.indexOf(name);
        return i < 0 ? Integer.MIN_VALUE : i;
    }

    /**
     * The pictures' labels in the model's terms: folder {@code "4"} is label 4 for a digit model; folder
     * {@code "coat"} is the index of "coat" in the model's class names. Folders the model does not know are refused
     * ({@link #unknownFolders}), or with {@code knownOnly} their images are left out (and how many is said).
     *
     * @throws BadInputException naming the folders the model does not know
     */
    public ImageSet relabel(FolderImages pictures, String what, boolean knownOnly) {
        List<String> unknown = unknownFolders(pictures.classNames(), what, knownOnly);
        if (!unknown.isEmpty()) {
            System.err.println("--known-only: left out the class folders " + unknown + " (not classes of the model)");
        }
        // Integer.MIN_VALUE for a folder the model does not know
        ImageSet relabelled = pictures.labelledByName(this::labelOf);
        return unknown.isEmpty() ? relabelled : relabelled.withLabels(labels);
    }
}
