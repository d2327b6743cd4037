package dev.latentlab.task.sweep;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.latentlab.store.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The sweep's memory across interruptions: every finished candidate's {@link CandidateRecord}, kept in
 * {@value #FILE} in the sweep folder and rewritten atomically after each candidate, so that {@code --resume}
 * knows what to skip. Thread-safe.
 */
public final class SweepState {
    public static final String FILE = "sweep_state.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path file;
    private final TreeMap<Integer, CandidateRecord> records = new TreeMap<>();

    private record Stored(@JsonProperty("candidates") List<CandidateRecord> candidates) {
    }

    private SweepState(Path file) {
        this.file = file;
    }

    /** The state in {@code dir} (empty when the file is not there yet). */
    public static SweepState in(Path dir) throws IOException {
        SweepState state = new SweepState(dir.resolve(FILE));
        if (Files.exists(state.file)) {
            for (CandidateRecord r : JSON.readValue(state.file.toFile(), Stored.class).candidates()) {
                state.records.put(r.index(), r);
            }
        }
        return state;
    }

    /** Records {@code r} (replacing an earlier record of the same candidate) and saves the file. */
    public synchronized void put(CandidateRecord r) throws IOException {
        records.put(r.index(), r);
        save();
    }

    /** Writes the file (atomically). */
    public synchronized void save() throws IOException {
        AtomicFiles.write(file, JSON.writeValueAsBytes(new Stored(new ArrayList<>(records.values()))));
    }

    /** The record of candidate {@code index}, if finished. */
    public synchronized Optional<CandidateRecord> get(int index) {
        return Optional.ofNullable(records.get(index));
    }

    /** Every record, by candidate index. */
    public synchronized List<CandidateRecord> all() {
        return List.copyOf(records.values());
    }

    /** The best complete record for the direction, ties to the earlier candidate. */
    public synchronized Optional<CandidateRecord> best(boolean minimize) {
        Comparator<CandidateRecord> byObjective = Comparator.comparingDouble(CandidateRecord::objective);
        return records.values().stream().filter(CandidateRecord::isComplete)
                .min(minimize ? byObjective : byObjective.reversed());
    }
}
