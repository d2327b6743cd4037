package dev.latentlab.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.latentlab.BadInputException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a YAML config file and applies {@code --set key=value} overrides, giving a {@link LoadedConfig} to
 * take the task from and bind to a record. Every user mistake is a one-line {@link BadInputException}:
 * {@code configs/x.yaml: config file not found}, {@code configs/x.yaml:12:5: invalid YAML: ...},
 * {@code --set a.b.c=1: a.b is not a map}.
 */
public final class ConfigLoader {
    private ConfigLoader() {
    }

    /** Loads {@code file} without overrides. */
    public static LoadedConfig load(Path file) {
        return load(file, List.of());
    }

    /**
     * Loads {@code file} (UTF-8 YAML whose root is a map) and applies {@code overrides} in order, each
     * {@code a.b=v} with {@code v} parsed as YAML; later overrides of a key win.
     */
    public static LoadedConfig load(Path file, List<String> overrides) {
        ObjectNode root = readRoot(file);
        Map<String, String> written = new LinkedHashMap<>();
        for (String argument : overrides) {
            SetOverride override = SetOverride.parse(argument);
            override.applyTo(root);
            written.keySet().removeIf(key -> KeyPath.within(key, override.key()));
            written.put(override.key(), argument);
        }
        return new LoadedConfig(file, root, written);
    }

    private static ObjectNode readRoot(Path file) {
        if (!Files.exists(file)) {
            throw new BadInputException(file + ": config file not found");
        }
        if (!Files.isRegularFile(file)) {
            throw new BadInputException(file + ": not a file (expected a YAML config file)");
        }
        JsonNode root;
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            root = YamlText.parse(reader);
        } catch (CharacterCodingException e) {
            throw new BadInputException(file + ": cannot read config file: not UTF-8 text", e);
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot read config file (" + e + ")", e);
        } catch (YamlText.SyntaxError e) {
            throw new BadInputException(file + ":" + e.line() + ":" + e.column() + ": " + e.getMessage(), e);
        }
        if (root.isMissingNode() || root.isNull()) {
            throw new BadInputException(file + ": the config is empty (expected a map of keys, starting with task:)");
        }
        if (!root.isObject()) {
            throw new BadInputException(file + ": expected a map of keys at the top level, found "
                    + (root.isArray() ? "a list" : "the value " + ValueText.of(root)));
        }
        return (ObjectNode) root;
    }
}
