package dev.latentlab.kmeans;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.latentlab.BadInputException;
import dev.latentlab.data.NpyArray;
import dev.latentlab.report.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Saves and loads a {@link PatchDictionary} as a folder readable from numpy: {@code centroids.npy} (float32,
 * K x size x size, pixel scale 0..255), {@code counts.npy} (int64, K) and {@code dictionary.json} (geometry plus
 * whatever metadata the caller adds: metrics, config, versions).
 */
public final class PatchDictionaryFiles {
    public static final String CENTROIDS = "centroids.npy";
    public static final String COUNTS = "counts.npy";
    public static final String SIDECAR = "dictionary.json";
    static final String FORMAT = "latentlab.patch-dictionary/1";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private PatchDictionaryFiles() {
    }

    /** Writes the dictionary into {@code dir} (created if needed); each file atomically. */
    public static void save(PatchDictionary dictionary, Path dir, Map<String, ?> metadata) throws IOException {
        Files.createDirectories(dir);
        int s = dictionary.patchSize();
        AtomicFiles.write(dir.resolve(CENTROIDS), NpyArray.ofFloat32(dictionary.centroids(), dictionary.k(), s, s).toNpyBytes());
        AtomicFiles.write(dir.resolve(COUNTS), NpyArray.ofInt64(dictionary.counts(), dictionary.k()).toNpyBytes());
        ObjectNode sidecar = JSON.createObjectNode();
        sidecar.put("format", FORMAT);
        sidecar.put("patch_size", s);
        sidecar.put("stride", dictionary.stride());
        sidecar.put("k", dictionary.k());
        sidecar.put("pixel_scale", "0..255");
        sidecar.set("metadata", JSON.valueToTree(metadata));
        AtomicFiles.writeString(dir.resolve(SIDECAR), JSON.writeValueAsString(sidecar));
    }

    /** Reads a dictionary folder written by {@link #save}; a missing or malformed file is a bad input. */
    public static PatchDictionary load(Path dir) {
        Path sidecarFile = dir.resolve(SIDECAR);
        if (!Files.isRegularFile(sidecarFile)) {
            throw new BadInputException(dir + ": not a patch dictionary folder (" + SIDECAR + " not found)");
        }
        JsonNode sidecar;
        try {
            sidecar = JSON.readTree(sidecarFile.toFile());
        } catch (IOException e) {
            throw new BadInputException(sidecarFile + ": not valid JSON (" + e.getMessage().lines().findFirst().orElse("") + ")");
        }
        if (!FORMAT.equals(sidecar.path("format").asText())) {
            throw new BadInputException(sidecarFile + ": format " + sidecar.path("format") + ", expected \"" + FORMAT + "\"");
        }
        int size = sidecar.path("patch_size").asInt();
        int stride = sidecar.path("stride").asInt();
        int k = sidecar.path("k").asInt();
        double[] values = readNpy(dir.resolve(CENTROIDS), (long) k * size * size).toDoubleArray();
        float[] centroids = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            centroids[i] = (float) values[i];
        }
        NpyArray countArray = readNpy(dir.resolve(COUNTS), k);
        long[] counts = new long[k];
        try {
            for (int i = 0; i < k; i++) {
                counts[i] = countArray.getLong(i);
            }
        } catch (IllegalStateException e) {
            throw new BadInputException(dir.resolve(COUNTS) + ": expected integer counts, found " + countArray.describe());
        }
        try {
            return new PatchDictionary(size, stride, k, centroids, counts);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(dir + ": inconsistent dictionary (" + e.getMessage() + ")");
        }
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
