package dev.latentlab.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.latentlab.BadInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads the JSON sidecar that names a saved folder's kind ({@code "format": "latentlab-..."}): a missing file, JSON
 * that does not parse or another format is a one-line {@link BadInputException} naming the file.
 */
public final class Sidecar {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Sidecar() {
    }

    /**
     * The sidecar {@code name} of folder {@code dir}, whose {@code format} must be {@code format}; {@code kind} says
     * what the folder should be in messages ({@code "a Gaussian mixture folder"}).
     */
    public static JsonNode read(Path dir, String name, String format, String kind) {
        Path file = dir.resolve(name);
        if (!Files.isRegularFile(file)) {
            throw new BadInputException(dir + ": not " + kind + " (" + name + " not found)");
        }
        JsonNode json = readJson(file);
        if (!format.equals(json.path("format").asText())) {
            throw new BadInputException(file + ": format " + json.path("format") + ", expected \"" + format + "\"");
        }
        return json;
    }

    /** The JSON tree of {@code file}; JSON that does not parse is a bad input naming the parser's first line. */
    public static JsonNode readJson(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            String why = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
            throw new BadInputException(file + ": not valid JSON (" + why + ")", e);
        }
    }
}
