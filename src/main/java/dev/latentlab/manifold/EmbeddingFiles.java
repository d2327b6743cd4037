package dev.latentlab.manifold;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.latentlab.BadInputException;
import dev.latentlab.data.NpyArray;
import dev.latentlab.data.NpzReader;
import dev.latentlab.data.NpzWriter;
import dev.latentlab.store.AtomicFiles;
import dev.latentlab.store.Sidecar;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A {@link LatentEmbedding} as a folder numpy users can read: {@code embedding.npz} (float64 {@code reference}
 * [N,D], the points UMAP was fitted on, and {@code embedding} [N,C], their positions) and {@code embedding.json}
 * (format, sizes and the neighbourhood size used to place new points; the UMAP settings that made it are in the
 * model's config).
 */
public final class EmbeddingFiles {
    public static final String ARRAYS = "embedding.npz";
    public static final String SIDECAR = "embedding.json";
    static final String FORMAT = "latentlab.umap-embedding/1";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private EmbeddingFiles() {
    }

    /** Writes {@code embedding} into {@code dir}, created if needed. */
    public static void save(LatentEmbedding embedding, Path dir) throws IOException {
        Files.createDirectories(dir);
        int n = embedding.reference().length, d = embedding.inputDimension(), c = embedding.dimension();
        Map<String, NpyArray> arrays = new LinkedHashMap<>();
        arrays.put("reference", NpyArray.ofFloat64(flat(embedding.reference(), d), n, d));
        arrays.put("embedding", NpyArray.ofFloat64(flat(embedding.embedding(), c), n, c));
        NpzWriter.write(dir.resolve(ARRAYS), arrays, NpzWriter.Compression.STORED);
        ObjectNode json = JSON.createObjectNode();
        json.put("format", FORMAT);
        json.put("points", n);
        json.put("input_dim", d);
        json.put("n_components", c);
        json.put("n_neighbors", embedding.neighbours());
        AtomicFiles.writeString(dir.resolve(SIDECAR), JSON.writeValueAsString(json));
    }

    /** Reads a folder written by {@link #save}; a missing or malformed file is a bad input. */
    public static LatentEmbedding load(Path dir) {
        JsonNode json = Sidecar.read(dir, SIDECAR, FORMAT, "an embedding folder");
        int n = json.path("points").asInt(), d = json.path("input_dim").asInt(), c = json.path("n_components").asInt();
        Path npz = dir.resolve(ARRAYS);
        Map<String, NpyArray> arrays = NpzReader.readArrays(npz);
        try {
            return new LatentEmbedding(rows(arrays, npz, "reference", n, d), rows(arrays, npz, "embedding", n, c),
                    json.path("n_neighbors").asInt());
        } catch (IllegalArgumentException e) {
            throw new BadInputException(dir + ": inconsistent embedding (" + e.getMessage() + ")");
        }
    }

    private static double[] flat(double[][] rows, int width) {
        double[] out = new double[rows.length * width];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, out, i * width, width);
        }
        return out;
    }

    private static double[][] rows(Map<String, NpyArray> arrays, Path npz, String key, int n, int width) {
        NpyArray a = arrays.get(key);
        if (a == null) {
            throw new BadInputException(npz + ": no array '" + key + "' (keys: " + String.join(", ", arrays.keySet()) + ")");
        }
        if (!Arrays.equals(a.shape(), new long[] {n, width})) {
            throw new BadInputException(npz + ": array '" + key + "' has shape " + Arrays.toString(a.shape())
                    + ", expected [" + n + ", " + width + "]");
        }
        double[] flat = a.toDoubleArray();
        double[][] out = new double[n][];
        for (int i = 0; i < n; i++) {
            out[i] = Arrays.copyOfRange(flat, i * width, (i + 1) * width);
        }
        return out;
    }
}
