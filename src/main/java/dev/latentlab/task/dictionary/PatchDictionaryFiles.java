package dev.latentlab.task.dictionary;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.latentlab.BadInputException;
import dev.latentlab.data.NpyArray;
import dev.latentlab.patches.PatchCodebook;
import dev.latentlab.patches.PatchDictionary;
import dev.latentlab.patches.SparseDictionary;
import dev.latentlab.store.AtomicFiles;
import dev.latentlab.store.PartStamp;
import dev.latentlab.store.Sidecar;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Saves and loads a {@link PatchCodebook} as a folder readable from numpy: for k-means {@code centroids.npy}
 * (float32, K x size x size, pixel scale 0..255) and {@code counts.npy} (int64, K); for sparse coding
 * {@code atoms.npy} (float32, K x size x size, unit norm) and {@code usage.npy} (int64, K); and
 * {@code dictionary.json} (method, geometry, non-zeros, plus whatever metadata the caller adds: metrics, config,
 * versions). A sidecar without {@code method} is a k-means dictionary (the first version of the format).
 *
 * <p>A run's dictionaries are saved as one set ({@code models/<name>/}, replaced whole): {@code set.json} names
 * the set's model id and its dictionaries, each of which carries the same id ({@link PartStamp}); a dictionary
 * of a set is loaded only when its stamp matches.
 */
public final class PatchDictionaryFiles {
    public static final String CENTROIDS = "centroids.npy";
    public static final String COUNTS = "counts.npy";
    public static final String ATOMS = "atoms.npy";
    public static final String USAGE = "usage.npy";
    public static final String SIDECAR = "dictionary.json";
    /** The sidecar of a set of dictionaries saved by one run. */
    public static final String SET_SIDECAR = "set.json";
    static final String SET_FORMAT = "latentlab.patch-dictionary-set/1";
    static final String FORMAT = "latentlab.patch-dictionary/1";
    static final String KMEANS = "kmeans";
    static final String SPARSE = "sparse";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private PatchDictionaryFiles() {
    }

    /** Writes the codebook into {@code dir} (created if needed); each file atomically. */
    public static void save(PatchCodebook codebook, Path dir, Map<String, ?> metadata) throws IOException {
        save(codebook, dir, metadata, null);
    }

    /** As {@link #save(PatchCodebook, Path, Map)}, the folder stamped as a part of the set {@code setId}. */
    public static void save(PatchCodebook codebook, Path dir, Map<String, ?> metadata, String setId)
            throws IOException {
        Files.createDirectories(dir);
        if (setId != null) {
            PartStamp.write(dir, setId);
        }
        int s = codebook.patchSize();
        boolean sparse = codebook instanceof SparseDictionary;
        AtomicFiles.write(dir.resolve(sparse ? ATOMS : CENTROIDS),
                NpyArray.ofFloat32(codebook.elements(), codebook.k(), s, s).toNpyBytes());
        AtomicFiles.write(dir.resolve(sparse ? USAGE : COUNTS), NpyArray.ofInt64(codebook.usage(), codebook.k()).toNpyBytes());
        ObjectNode sidecar = JSON.createObjectNode();
        sidecar.put("format", FORMAT);
        sidecar.put("method", sparse ? SPARSE : KMEANS);
        sidecar.put("patch_size", s);
        sidecar.put("stride", codebook.stride());
        sidecar.put("k", codebook.k());
        if (codebook instanceof SparseDictionary d) {
            sidecar.put("non_zeros", d.nonZeros());
            sidecar.put("coding", "omp");
            sidecar.put("pixel_scale", "unit-norm atoms; weights on the 0..255 scale");
        } else {
            sidecar.put("pixel_scale", "0..255");
        }
        sidecar.set("metadata", JSON.valueToTree(metadata));
        AtomicFiles.writeString(dir.resolve(SIDECAR), JSON.writeValueAsString(sidecar));
    }

    /** Writes the sidecar of a set folder: its model id and its dictionaries' folder names. */
    public static void saveSet(Path setDir, String setId, List<String> dictionaries) throws IOException {
        ObjectNode sidecar = JSON.createObjectNode();
        sidecar.put("format", SET_FORMAT);
        sidecar.put("model_id", setId);
        dictionaries.forEach(sidecar.putArray("dictionaries")::add);
        AtomicFiles.writeString(setDir.resolve(SET_SIDECAR), JSON.writeValueAsString(sidecar));
    }

    /** Whether {@code dir} holds a dictionary sidecar. */
    public static boolean isDictionary(Path dir) {
        return Files.isRegularFile(dir.resolve(SIDECAR));
    }

    /** Reads a k-means dictionary folder written by {@link #save}; a missing, malformed or sparse one is a bad input. */
    public static PatchDictionary load(Path dir) {
        PatchCodebook codebook = loadCodebook(dir);
        if (codebook instanceof PatchDictionary d) {
            return d;
        }
        throw new BadInputException(dir + ": a sparse-coding dictionary, expected a k-means one");
    }

    /** Reads a k-means or sparse-coding dictionary folder written by {@link #save}. */
    public static PatchCodebook loadCodebook(Path dir) {
        Path sidecarFile = dir.resolve(SIDECAR);
        JsonNode sidecar = Sidecar.read(dir, SIDECAR, FORMAT, "a patch dictionary folder");
        String method = sidecar.path("method").asText(KMEANS);
        if (!method.equals(KMEANS) && !method.equals(SPARSE)) {
            throw new BadInputException(sidecarFile + ": method \"" + method + "\", expected kmeans or sparse");
        }
        checkSetMembership(dir);
        boolean sparse = method.equals(SPARSE);
        int size = sidecar.path("patch_size").asInt();
        int stride = sidecar.path("stride").asInt();
        int k = sidecar.path("k").asInt();
        Path elementsFile = dir.resolve(sparse ? ATOMS : CENTROIDS);
        Path usageFile = dir.resolve(sparse ? USAGE : COUNTS);
        double[] values = readNpy(elementsFile, (long) k * size * size).toDoubleArray();
        float[] elements = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            elements[i] = (float) values[i];
        }
        NpyArray countArray = readNpy(usageFile, k);
        long[] counts = new long[k];
        try {
            for (int i = 0; i < k; i++) {
                counts[i] = countArray.getLong(i);
            }
        } catch (IllegalStateException e) {
            throw new BadInputException(usageFile + ": expected integer counts, found " + countArray.describe());
        }
        try {
            return sparse
                    ? new SparseDictionary(size, stride, k, sidecar.path("non_zeros").asInt(), elements, counts)
                    : new PatchDictionary(size, stride, k, elements, counts);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(dir + ": inconsistent dictionary (" + e.getMessage() + ")");
        }
    }

    /** Refuses a dictionary of a set whose stamp is not the set's id (parts of different saves side by side). */
    private static void checkSetMembership(Path dir) {
        Path parent = dir.toAbsolutePath().getParent();
        Path setFile = parent == null ? null : parent.resolve(SET_SIDECAR);
        if (setFile == null || !Files.isRegularFile(setFile)) {
            return;
        }
        JsonNode set = Sidecar.readJson(setFile);
        if (!SET_FORMAT.equals(set.path("format").asText()) || !set.path("model_id").isTextual()) {
            throw new BadInputException(setFile + ": expected format \"" + SET_FORMAT + "\" with a model_id");
        }
        PartStamp.check(dir, set.get("model_id").asText());
    }

    private static NpyArray readNpy(Path file, long length) {
        if (!Files.isRegularFile(file)) {
            throw new BadInputException(file + ": file not found");
        }
        NpyArray a;
        try {
            a = NpyArray.parse(Files.readAllBytes(file));
        } catch (IllegalArgumentException | IOException e) {
            throw new BadInputException(file + ": not a readable .npy file (" + e.getMessage() + ")");
        }
        if (a.size() != length) {
            throw new BadInputException(file + ": expected " + length + " values, found " + a.size() + " (" + a.describe() + ")");
        }
        return a;
    }
}
