package dev.latentlab.vae;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.latentlab.store.AtomicFiles;
import dev.latentlab.store.FaultPoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A resumable checkpoint folder: {@code state.json} ({@link TrainerState}) names the sub-folders holding the
 * model after the last finished epoch and the best model (each a {@link VaeModel} folder). The state file is
 * written last and atomically, so it is the commit point: a crash leaves the previous checkpoint valid, and
 * sub-folders no state refers to are deleted after the next commit.
 */
public final class CheckpointFiles {
    static final String STATE = "state.json";
    /** The resolved config of the run that started the checkpoint, for {@code --resume}'s guard. */
    public static final String CONFIG = "config.yaml";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path dir;

    public CheckpointFiles(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    public boolean exists() {
        return Files.isRegularFile(dir.resolve(STATE));
    }

    /**
     * Commits a checkpoint: writes the current model, then the state, then deletes stale sub-folders. When the
     * current model is the best so far ({@code isBest}) the state names its folder as the best one too; otherwise
     * the best stays the folder an earlier commit named. Returns the state as written.
     */
    TrainerState write(VaeModel model, boolean isBest, TrainerState state) throws IOException {
        String modelDir = String.format("epoch-%04d", state.epoch());
        String bestDir = isBest ? modelDir : state.bestDir();
        model.save(dir.resolve(modelDir));
        FaultPoint.reached(FaultPoint.CHECKPOINT_COMMIT);
        TrainerState committed = new TrainerState(state.epoch(), state.bestEpoch(), state.earlyStopping(),
                state.plateau(), state.finished(), modelDir, bestDir, state.history());
        AtomicFiles.writeString(dir.resolve(STATE), JSON.writeValueAsString(committed));
        deleteAllBut(bestDir == null ? Set.of(modelDir) : Set.copyOf(List.of(modelDir, bestDir)));
        return committed;
    }

    /** Forgets any earlier checkpoint in the folder (a fresh run must not be resumable into an old one). */
    public void clear() throws IOException {
        if (Files.isDirectory(dir)) {
            Files.deleteIfExists(dir.resolve(STATE));
            deleteAllBut(Set.of());
        }
    }

    /** Removes the checkpoint and its folder. */
    public void delete() throws IOException {
        clear();
        Files.deleteIfExists(dir.resolve(CONFIG));
        deleteIfEmpty(dir);
    }

    /** Records the resolved config of a fresh training (before its first commit). */
    public void writeConfig(String yaml) throws IOException {
        AtomicFiles.writeString(dir.resolve(CONFIG), yaml);
    }

    /** The config recorded by {@link #writeConfig}, or null for a checkpoint written before configs were kept. */
    public String readConfig() throws IOException {
        Path file = dir.resolve(CONFIG);
        return Files.isRegularFile(file) ? Files.readString(file) : null;
    }

    private static void deleteIfEmpty(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (Stream<Path> children = Files.list(folder)) {
            if (children.findAny().isPresent()) {
                return;
            }
        }
        Files.delete(folder);
    }

    TrainerState readState() throws IOException {
        Path file = dir.resolve(STATE);
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file + ": no checkpoint to resume from");
        }
        return JSON.readValue(file.toFile(), TrainerState.class);
    }

    VaeModel readModel(TrainerState state) throws IOException {
        return VaeModel.load(dir.resolve(state.modelDir()));
    }

    VaeModel readBest(TrainerState state) throws IOException {
        return VaeModel.load(dir.resolve(state.bestDir()));
    }

    private void deleteAllBut(Set<String> keep) throws IOException {
        List<Path> stale;
        try (Stream<Path> children = Files.list(dir)) {
            stale = children.filter(Files::isDirectory)
                    .filter(p -> !keep.contains(p.getFileName().toString()))
                    .filter(p -> p.getFileName().toString().matches("(epoch|best)-\\d+"))
                    .toList();
        }
        for (Path p : stale) {
            try (Stream<Path> tree = Files.walk(p)) {
                for (Path q : tree.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(q);
                }
            }
        }
    }
}
