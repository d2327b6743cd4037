package dev.latentlab.latent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.latentlab.BadInputException;
import dev.latentlab.manifold.EmbeddingFiles;
import dev.latentlab.manifold.LatentEmbedding;
import dev.latentlab.mixture.GmmFiles;
import dev.latentlab.store.AtomicFiles;
import dev.latentlab.store.PartStamp;
import dev.latentlab.store.Sidecar;
import dev.latentlab.vae.ModelArchitecture;
import dev.latentlab.vae.VaeModel;
import dev.latentlab.vae.VaeModelFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link LatentClassifier} as a model folder: {@code vae/} (SameDiff graph with updater state + JSON),
 * {@code gmm/} ({@code gmm.npz} for numpy users + {@code gmm.json}), {@code embedding/} when the mixture was
 * fitted on a UMAP embedding ({@link EmbeddingFiles}) and {@code model.json} (what was trained on, the resolved
 * config, metrics, versions, and the {@code model_id} that each part also carries as a {@link PartStamp}).
 * {@code model.json} is written last, so a folder without it is not a model; the loader refuses parts whose stamp
 * differs from model.json's id. Callers write into a {@link dev.latentlab.store.ModelFolder} so that a model
 * folder is replaced as a whole.
 */
public final class LatentClassifierFiles {
    public static final String SIDECAR = "model.json";
    static final String FORMAT = "latentlab.vae-gmm/1";
    static final String MODEL_ID = "model_id";
    private static final String VAE = "vae";
    private static final String GMM = "gmm";
    private static final Logger LOG = LoggerFactory.getLogger(LatentClassifierFiles.class);
    static final String EMBEDDING = "embedding";
    private static final String UNKNOWN = "unknown";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private LatentClassifierFiles() {
    }

    /** Writes the model into {@code dir} under a fresh model id; {@code metadata} goes into model.json. */
    public static void save(LatentClassifier model, Path dir, Map<String, ?> metadata) throws IOException {
        save(model, dir, metadata, java.util.UUID.randomUUID().toString());
    }

    /** Writes the model into {@code dir}, every part stamped with {@code modelId}; {@code metadata} goes into model.json. */
    public static void save(LatentClassifier model, Path dir, Map<String, ?> metadata, String modelId)
            throws IOException {
        save(model, dir, metadata, modelId, null);
    }

    /**
     * As {@link #save(LatentClassifier, Path, Map, String)}, with the unknown-input detector's settings in
     * model.json's {@code unknown} object (null: none; the knn score reads the training latents from
     * {@code latents.npz}, which the caller writes beside).
     */
    public static void save(LatentClassifier model, Path dir, Map<String, ?> metadata, String modelId,
                            UnknownDetector.Settings unknown) throws IOException {
        Files.createDirectories(dir);
        model.vae().save(dir.resolve(VAE));
        PartStamp.write(dir.resolve(VAE), modelId);
        GmmFiles.save(model.classifier(), dir.resolve(GMM));
        PartStamp.write(dir.resolve(GMM), modelId);
        if (model.embedding() != null) {
            EmbeddingFiles.save(model.embedding(), dir.resolve(EMBEDDING));
            PartStamp.write(dir.resolve(EMBEDDING), modelId);
        }
        ObjectNode sidecar = JSON.createObjectNode();
        sidecar.put("format", FORMAT);
        sidecar.put(MODEL_ID, modelId);
        sidecar.put("latent_dim", model.vae().architecture().latentDim());
        sidecar.put("components", model.classifier().model().components());
        sidecar.put("embedding", model.embedding() == null ? "none" : "umap");
        if (unknown != null) {
            sidecar.set(UNKNOWN, JSON.valueToTree(unknown));
        }
        sidecar.set("metadata", JSON.valueToTree(metadata));
        AtomicFiles.writeString(dir.resolve(SIDECAR), JSON.writeValueAsString(sidecar));
    }

    /** Reads a model folder written by {@link #save}; a missing or foreign folder is a bad input. */
    public static LatentClassifier load(Path dir) {
        Path sidecar = dir.resolve(SIDECAR);
        JsonNode node = Sidecar.read(dir, SIDECAR, FORMAT, "a vae_gmm model folder");
        if (node.hasNonNull(MODEL_ID)) {
            PartStamp.check(dir.resolve(VAE), node.get(MODEL_ID).asText());
            PartStamp.check(dir.resolve(GMM), node.get(MODEL_ID).asText());
        } else {
            LOG.warn("{}: saved before model ids; its parts cannot be checked to belong together", sidecar);
        }
        VaeModel vae;
        try {
            vae = VaeModel.load(dir.resolve(VAE));
        } catch (IOException | RuntimeException e) {
            throw new BadInputException(dir.resolve("vae") + ": cannot load the VAE (" + e.getMessage() + ")");
        }
        LatentEmbedding embedding = null;
        if ("umap".equals(node.path("embedding").asText("none"))) {
            if (node.hasNonNull(MODEL_ID)) {
                PartStamp.check(dir.resolve(EMBEDDING), node.get(MODEL_ID).asText());
            }
            embedding = EmbeddingFiles.load(dir.resolve(EMBEDDING));
        }
        return new LatentClassifier(vae, embedding, GmmFiles.loadClassifier(dir.resolve(GMM)));
    }

    /**
     * The model architecture recorded in a model folder ({@code vae/vae.json}), read without loading the graph, so
     * that inputs can be checked against it first.
     */
    public static ModelArchitecture architecture(Path dir) {
        Path sidecar = dir.resolve(VAE).resolve(VaeModelFiles.SIDECAR);
        try {
            return VaeModelFiles.architecture(JSON.readTree(sidecar.toFile()), sidecar);
        } catch (IOException | IllegalArgumentException e) {
            throw new BadInputException(dir + ": not a vae_gmm model folder (" + sidecar + " unreadable)");
        }
    }

    /**
     * The unknown-input settings of a model folder (model.json's {@code unknown} object, or the uncalibrated ones of
     * a model saved without it, as {@link #unknownDetector} says), without reading the score's references.
     */
    public static UnknownDetector.Settings unknownSettings(Path dir) {
        JsonNode node = Sidecar.readJson(dir.resolve(SIDECAR)).path(UNKNOWN);
        try {
            return node.isObject() ? JSON.treeToValue(node, UnknownDetector.Settings.class)
                    : UnknownDetector.uncalibrated(Files.isRegularFile(dir.resolve(dev.latentlab.data.LatentsNpz.FILE))
                    ? UnknownDetector.DENSE_SCORE : NoveltyScore.RECONSTRUCTION);
        } catch (IOException e) {
            throw new BadInputException(dir.resolve(SIDECAR) + ": unreadable unknown object (" + e.getMessage() + ")");
        }
    }

    /**
     * The unknown-input detector of a loaded model folder: the settings in model.json's {@code unknown} object, or
     * for a model saved without them (before unknown inputs were flagged) the knn score (the reconstruction
     * score when the folder has no latents.npz) with no threshold (NaN: it scores but flags nothing;
     * {@link UnknownDetector#canFlag} is false).
     */
    public static UnknownDetector unknownDetector(Path dir, LatentClassifier model) {
        UnknownDetector.Settings settings = unknownSettings(dir);
        NoveltyScore score;
        try {
            score = NoveltyScore.of(settings.score());
        } catch (IllegalArgumentException e) {
            throw new BadInputException(dir.resolve(SIDECAR) + ": unknown.score = " + settings.score()
                    + ": expected one of " + java.util.Arrays.stream(NoveltyScore.values()).map(NoveltyScore::key).toList());
        }
        LatentNeighbours neighbours = null;
        if (score == NoveltyScore.KNN) {
            neighbours = new LatentNeighbours(dev.latentlab.data.LatentsNpz.read(dir.resolve(
                    dev.latentlab.data.LatentsNpz.FILE)).trainMu(), settings.neighbours());
        } else if (score == NoveltyScore.FEATURES) {
            double[][] reference = FeatureReference.read(dir);
            if (reference == null) {
                throw new BadInputException(dir + ": model.json's unknown.score is features but "
                        + FeatureReference.FILE + " is missing (copy the whole model folder)");
            }
            neighbours = new LatentNeighbours(reference, settings.neighbours());
        }
        return new UnknownDetector(score, new NoveltyScore.References(neighbours, null, model.classifier().model()),
                settings);
    }

    /** The metadata object of a model folder's model.json. */
    public static JsonNode metadata(Path dir) {
        return Sidecar.readJson(dir.resolve(SIDECAR)).path("metadata");
    }
}
