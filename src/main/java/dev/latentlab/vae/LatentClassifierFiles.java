package dev.latentlab.vae;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.latentlab.BadInputException;
import dev.latentlab.manifold.EmbeddingFiles;
import dev.latentlab.manifold.LatentEmbedding;
import dev.latentlab.mixture.GmmFiles;
import dev.latentlab.report.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A {@link LatentClassifier} as a model folder: {@code vae/} (SameDiff graph with updater state + JSON),
 * {@code gmm/} ({@code gmm.npz} for numpy users + {@code gmm.json}), {@code embedding/} when the mixture was
 * fitted on a UMAP embedding ({@link EmbeddingFiles}) and {@code model.json} (what was trained on,
 * the resolved config, metrics, versions). {@code model.json} is written last, so a folder without it is not a
 * model.
 */
public final class LatentClassifierFiles {
    public static final String SIDECAR = "model.json";
    static final String FORMAT = "latentlab.vae-gmm/1";
    static final String EMBEDDING = "embedding";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private LatentClassifierFiles() {
    }

    /** Writes the model into {@code dir}; {@code metadata} goes into model.json. */
    public static void save(LatentClassifier model, Path dir, Map<String, ?> metadata) throws IOException {
        Files.createDirectories(dir);
        model.vae().save(dir.resolve("vae"));
        GmmFiles.save(model.classifier(), dir.resolve("gmm"));
        if (model.embedding() != null) {
            EmbeddingFiles.save(model.embedding(), dir.resolve(EMBEDDING));
        }
        ObjectNode sidecar = JSON.createObjectNode();
        sidecar.put("format", FORMAT);
        sidecar.put("latent_dim", model.vae().architecture().latentDim());
        sidecar.put("components", model.classifier().model().components());
        sidecar.put("embedding", model.embedding() == null ? "none" : "umap");
        sidecar.set("metadata", JSON.valueToTree(metadata));
        AtomicFiles.writeString(dir.resolve(SIDECAR), JSON.writeValueAsString(sidecar));
    }

    /** Reads a model folder written by {@link #save}; a missing or foreign folder is a bad input. */
    public static LatentClassifier load(Path dir) {
        Path sidecar = dir.resolve(SIDECAR);
        if (!Files.isRegularFile(sidecar)) {
            throw new BadInputException(dir + ": not a vae_gmm model folder (" + SIDECAR + " not found)");
        }
        JsonNode node;
        try {
            node = JSON.readTree(sidecar.toFile());
            if (!FORMAT.equals(node.path("format").asText())) {
                throw new BadInputException(sidecar + ": format " + node.path("format") + ", expected \"" + FORMAT + "\"");
            }
        } catch (IOException e) {
            throw new BadInputException(sidecar + ": not valid JSON");
        }
        VaeModel vae;
        try {
            vae = VaeModel.load(dir.resolve("vae"));
        } catch (IOException | RuntimeException e) {
            throw new BadInputException(dir.resolve("vae") + ": cannot load the VAE (" + e.getMessage() + ")");
        }
        LatentEmbedding embedding = "umap".equals(node.path("embedding").asText("none"))
                ? EmbeddingFiles.load(dir.resolve(EMBEDDING)) : null;
        return new LatentClassifier(vae, embedding, GmmFiles.loadClassifier(dir.resolve("gmm")));
    }

    /** The metadata object of a model folder's model.json. */
    public static JsonNode metadata(Path dir) {
        try {
            return JSON.readTree(dir.resolve(SIDECAR).toFile()).path("metadata");
        } catch (IOException e) {
            throw new BadInputException(dir.resolve(SIDECAR) + ": not valid JSON");
        }
    }
}
