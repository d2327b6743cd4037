package dev.latentlab.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.latentlab.BadInputException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * A config file read as a YAML tree with its {@code --set} overrides applied, not yet bound to a record.
 * Errors name the file, or the {@code --set} argument when the offending key came from one.
 */
public final class LoadedConfig {
    private final Path file;
    private final ObjectNode tree;
    private final Map<String, String> overrides;

    /**
     * @param file      the config file (named as given in messages)
     * @param tree      the root map, overrides applied
     * @param overrides key path → {@code --set} argument that wrote it, the last one winning
     */
    LoadedConfig(Path file, ObjectNode tree, Map<String, String> overrides) {
        this.file = file;
        this.tree = tree;
        this.overrides = Map.copyOf(overrides);
    }

    /** The config file. */
    public Path file() {
        return file;
    }

    /** A copy of the tree (overrides applied, defaults not filled). */
    public ObjectNode tree() {
        return tree.deepCopy();
    }

    /** The root {@code task:} string; missing or not a string is a {@link BadInputException}. */
    public String task() {
        return task(List.of());
    }

    /**
     * The root {@code task:}, which must be one of {@code knownTasks} (any string when empty); a missing or
     * unknown task is a {@link BadInputException} listing the known ones, with a "did you mean" for a near miss.
     */
    public String task(Collection<String> knownTasks) {
        JsonNode task = tree.get("task");
        String known = knownTasks.isEmpty() ? "" : " (expected one of " + String.join(", ", knownTasks) + ")";
        if (task == null || task.isNull()) {
            throw new BadInputException(originOf("task") + ": missing key task" + known);
        }
        if (!task.isTextual()) {
            throw new BadInputException(originOf("task") + ": task = " + ValueText.of(task) + ": expected "
                    + (knownTasks.isEmpty() ? "a string" : "one of " + String.join(", ", knownTasks)));
        }
        if (!knownTasks.isEmpty()) {
            try {
                Check.oneOf("task", task.textValue(), knownTasks.toArray(String[]::new));
            } catch (InvalidValueException e) {
                throw new BadInputException(originOf("task") + ": " + e.getMessage(), e);
            }
        }
        return task.textValue();
    }

    /**
     * Binds the tree to {@code type}, a config record declaring {@code public static final DEFAULTS}: missing
     * keys take their defaults (a root {@code name} defaults to the file's base name; defaults that depend on a
     * key of the tree come from the record's {@code defaultsFor}, see {@link Defaults}), then Jackson binds
     * strictly and the record's compact constructor validates. Any mistake is a one-line
     * {@link BadInputException} naming the file (or {@code --set}), the full key path, the value and the
     * expectation.
     */
    public <T extends Record> T bind(Class<T> type) {
        ObjectNode defaults = Defaults.treeOf(type, tree);
        if (defaults.has("name")) {
            defaults.put("name", baseName());
        }
        JsonNode merged = Defaults.merge(defaults, tree);
        String nonFinite = FiniteNumbers.firstNonFinite(merged, "");
        if (nonFinite != null) {
            throw new BadInputException(originOf(nonFinite.replaceAll("\\[\\d+]", "")) + ": " + nonFinite + " = "
                    + ValueText.of(merged.at("/" + nonFinite.replace(".", "/").replaceAll("\\[(\\d+)]", "/$1")))
                    + ": expected a finite number");
        }
        try {
            return ConfigMappers.STRICT.treeToValue(merged, type);
        } catch (JsonMappingException e) {
            if (e instanceof ValueInstantiationException && !(e.getCause() instanceof InvalidValueException)) {
                // A compact constructor failed without a Check: a bug in the record, not a user mistake.
                throw new IllegalStateException("binding " + type.getSimpleName() + " failed", e);
            }
            throw BindingErrors.translate(e, merged, this::originOf);
        } catch (JsonProcessingException e) {
            throw new BadInputException(file + ": " + e.getOriginalMessage(), e);
        }
    }

    /** The config file's name without its .yaml/.yml extension. */
    public String baseName() {
        String name = file.getFileName().toString();
        return name.replaceFirst("\\.(yaml|yml)$", "");
    }

    /** What to name as the source of a key: the {@code --set} argument that wrote it (or a part), or the file. */
    String originOf(String keyPath) {
        String best = null;
        for (String overridden : overrides.keySet()) {
            boolean related = KeyPath.within(keyPath, overridden) || KeyPath.within(overridden, keyPath);
            if (related && (best == null || overridden.length() > best.length())) {
                best = overridden;
            }
        }
        return best == null ? file.toString() : "--set " + overrides.get(best);
    }
}
