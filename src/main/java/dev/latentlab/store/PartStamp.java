package dev.latentlab.store;

import dev.latentlab.BadInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The model id a part of a model folder carries ({@code <part>/model_id}, one line), so that a loader can refuse
 * parts of different saves put side by side (a new VAE beside an old GMM).
 */
public final class PartStamp {
    public static final String FILE = "model_id";

    private PartStamp() {
    }

    /** Writes {@code id} into the part folder {@code part}. */
    public static void write(Path part, String id) throws IOException {
        Files.createDirectories(part);
        Files.writeString(part.resolve(FILE), id + "\n", StandardCharsets.UTF_8);
    }

    /**
     * Refuses (as a bad input naming the part) a part whose stamp is missing or differs from {@code id}, the
     * id recorded in the model's own sidecar.
     */
    public static void check(Path part, String id) {
        Path file = part.resolve(FILE);
        String found;
        try {
            found = Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8).strip() : null;
        } catch (IOException e) {
            found = null;
        }
        if (found == null || !found.equals(id)) {
            throw new BadInputException(part + ": does not belong to this model (model_id "
                    + (found == null ? "missing" : found) + ", model.json says " + id
                    + "): the folder mixes parts of different saves; train or save the model again");
        }
    }
}
