package dev.latentlab.kmeans;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.latentlab.BadInputException;
import dev.latentlab.report.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

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
    private static final Pattern NPY_DESCR = Pattern.compile("'descr'\\s*:\\s*'[<>|=]?[a-zA-Z](\\d+)'");
    private static final Pattern NPY_SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([\\d\\s,]*)\\)");

    private PatchDictionaryFiles() {
    }

    /** Writes the dictionary into {@code dir} (created if needed); each file atomically. */
    public static void save(PatchDictionary dictionary, Path dir, Map<String, ?> metadata) throws IOException {
        Files.createDirectories(dir);
        int s = dictionary.patchSize();
        try (INDArray c = Nd4j.create(dictionary.centroids(), new long[] {dictionary.k(), s, s}, DataType.FLOAT);
             INDArray n = Nd4j.createFromArray(dictionary.counts())) {
            AtomicFiles.write(dir.resolve(CENTROIDS), Nd4j.toNpyByteArray(c));
            AtomicFiles.write(dir.resolve(COUNTS), Nd4j.toNpyByteArray(n));
        }
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
        float[] centroids = readNpy(dir.resolve(CENTROIDS), DataType.FLOAT, (long) k * size * size).toFloatVector();
        long[] counts = readNpy(dir.resolve(COUNTS), DataType.LONG, k).toLongVector();
        try {
            return new PatchDictionary(size, stride, k, centroids, counts);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(dir + ": inconsistent dictionary (" + e.getMessage() + ")");
        }
    }

    private static INDArray readNpy(Path file, DataType type, long length) {
        if (!Files.isRegularFile(file)) {
            throw new BadInputException(file + ": file not found");
        }
        checkNpyLength(file);
        INDArray a;
        try {
            a = Nd4j.createFromNpyFile(file.toFile());
        } catch (RuntimeException e) {
            throw new BadInputException(file + ": not a readable .npy file (" + e.getMessage() + ")");
        }
        if (a.dataType() != type || a.length() != length) {
            throw new BadInputException(file + ": expected " + length + " values of " + type + ", found "
                    + a.length() + " of " + a.dataType());
        }
        return a.reshape(length);
    }

    /**
     * Checks the magic bytes and that the file holds exactly the data its header announces: ND4J reads a
     * truncated .npy without complaint (the missing values come from beyond the end of the data).
     */
    private static void checkNpyLength(Path file) {
        byte[] head;
        long size;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(12);
            size = Files.size(file);
            if (head.length < 10 || (head[0] & 0xff) != 0x93
                    || !new String(head, 1, 5, StandardCharsets.ISO_8859_1).equals("NUMPY")) {
                throw new BadInputException(file + ": not a .npy file (no \\x93NUMPY magic)");
            }
            int prefix = head[6] == 1 ? 10 : 12;
            if (head.length < prefix) {
                throw new BadInputException(file + ": truncated .npy header");
            }
            long headerLength = head[6] == 1
                    ? (head[8] & 0xff) | (head[9] & 0xff) << 8
                    : ByteBuffer.wrap(head, 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt() & 0xffffffffL;
            byte[] rest = in.readNBytes((int) Math.max(0, Math.min(headerLength - (head.length - prefix), 1 << 16)));
            String header = new String(head, prefix, head.length - prefix, StandardCharsets.ISO_8859_1)
                    + new String(rest, StandardCharsets.ISO_8859_1);
            Matcher descr = NPY_DESCR.matcher(header);
            Matcher shape = NPY_SHAPE.matcher(header);
            if (!descr.find() || !shape.find()) {
                throw new BadInputException(file + ": malformed .npy header (no descr or shape)");
            }
            long values = 1;
            for (String dim : shape.group(1).split(",")) {
                if (!dim.isBlank()) {
                    values *= Long.parseLong(dim.strip());
                }
            }
            long expected = prefix + headerLength + values * Integer.parseInt(descr.group(1));
            if (size != expected) {
                throw new BadInputException(file + ": truncated or padded .npy file (header says shape ("
                        + shape.group(1).strip() + ") = " + expected + " bytes, file has " + size + ")");
            }
        } catch (IOException | NumberFormatException e) {
            throw new BadInputException(file + ": not a readable .npy file (" + e.getMessage() + ")");
        }
    }
}
