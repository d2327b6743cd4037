package dev.latentlab.vae;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.latentlab.store.AtomicFiles;
import dev.latentlab.store.Provenance;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * The on-disk form of a {@link VaeModel}: {@code vae.sd} (SameDiff flatbuffers with weights and, when the
 * model has been trained, Adam's state) and {@code vae.json} (format, architecture, seed, and a
 * {@link Provenance} without a config hash: the versions it was written with). The format
 * names the model type: {@value #FORMAT} for the conv VAE ({@link VaeArchitecture}), {@value #DENSE_FORMAT} for
 * the dense autoencoder ({@link DenseArchitecture}).
 */
public final class VaeModelFiles {
    static final String GRAPH = "vae.sd";
    public static final String SIDECAR = "vae.json";
    /** Version 2: ε and the dropout masks are placeholders (version 1 graphs drew them in-graph). */
    static final String FORMAT = "latentlab.conv-vae/2";
    static final String DENSE_FORMAT = "latentlab.dense-ae/1";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private VaeModelFiles() {
    }

    static void save(VaeModel model, Path dir) throws IOException {
        write(toBytes(model), model.architecture(), model.seed(), dir);
    }

    /** The graph file's content: weights and, when the model has been trained, the updater state. */
    static byte[] toBytes(VaeModel model) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        model.graph().save(out, model.graph().getTrainingConfig() != null);
        return out.toByteArray();
    }

    /** A model from a graph file's content. */
    static VaeModel fromBytes(byte[] graphBytes, ModelArchitecture architecture, long seed) {
        try {
            return new VaeModel(SameDiff.load(new java.io.ByteArrayInputStream(graphBytes), true), architecture, seed);
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot read a SameDiff graph from memory", e);
        }
    }

    /** Writes a model folder from a graph file's content. */
    static void write(byte[] graphBytes, ModelArchitecture architecture, long seed, Path dir) throws IOException {
        Files.createDirectories(dir);
        AtomicFiles.write(dir.resolve(GRAPH), graphBytes);
        ObjectNode sidecar = JSON.createObjectNode();
        sidecar.put("format", architecture instanceof DenseArchitecture ? DENSE_FORMAT : FORMAT);
        sidecar.set("architecture", JSON.valueToTree(architecture));
        sidecar.put("seed", seed);
        sidecar.set("provenance", JSON.valueToTree(Provenance.of(null)));
        AtomicFiles.writeString(dir.resolve(SIDECAR), JSON.writeValueAsString(sidecar));
    }

    static VaeModel load(Path dir) throws IOException {
        Path sidecarFile = dir.resolve(SIDECAR);
        Path graphFile = dir.resolve(GRAPH);
        if (!Files.isRegularFile(sidecarFile) || !Files.isRegularFile(graphFile)) {
            throw new NoSuchFileException(dir + ": not a VAE model folder (expected " + GRAPH + " and " + SIDECAR + ")");
        }
        JsonNode sidecar = JSON.readTree(sidecarFile.toFile());
        ModelArchitecture architecture = architecture(sidecar, sidecarFile);
        SameDiff graph = SameDiff.load(graphFile.toFile(), true);
        return new VaeModel(graph, architecture, sidecar.path("seed").asLong());
    }

    /** The architecture a sidecar ({@code vae.json}, read from {@code file}) records, by its format. */
    public static ModelArchitecture architecture(JsonNode sidecar, Path file) throws IOException {
        String format = sidecar.path("format").asText();
        Class<? extends ModelArchitecture> type = FORMAT.equals(format) ? VaeArchitecture.class
                : DENSE_FORMAT.equals(format) ? DenseArchitecture.class : null;
        if (type == null) {
            throw new IOException(file + ": format " + sidecar.path("format") + ", expected \"" + FORMAT + "\" or \""
                    + DENSE_FORMAT + "\" (a model saved by another latentlab version: train it again)");
        }
        return JSON.treeToValue(sidecar.get("architecture"), type);
    }
}
