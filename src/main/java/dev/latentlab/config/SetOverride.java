package dev.latentlab.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.latentlab.BadInputException;
import java.util.Arrays;
import java.util.List;

/**
 * One {@code --set a.b=v} override: a dotted key path and a value parsed as YAML flow text ({@code 7},
 * {@code [100,200]}, {@code null}, {@code {k: [5]}}, {@code lloyd}).
 *
 * @param argument the argument as given, without {@code --set}, for messages
 * @param path     the key path, one element per map level
 * @param value    the parsed value
 */
record SetOverride(String argument, List<String> path, JsonNode value) {

    /** Parses {@code key=value}; a malformed argument is a {@link BadInputException}. */
    static SetOverride parse(String argument) {
        int eq = argument.indexOf('=');
        if (eq < 0) {
            throw bad(argument, "expected key=value, e.g. --set kmeans.max_iter=50");
        }
        String key = argument.substring(0, eq).strip();
        List<String> path = Arrays.asList(key.split("\\.", -1));
        if (path.stream().anyMatch(segment -> segment.isBlank() || segment.chars().anyMatch(Character::isWhitespace))) {
            throw bad(argument, "malformed key \"" + key + "\" (expected a dotted path like kmeans.max_iter)");
        }
        String text = argument.substring(eq + 1);
        if (text.isBlank()) {
            throw bad(argument, "missing value after '=' (write null for null, \"\" for an empty string)");
        }
        JsonNode value;
        try {
            value = YamlText.parse(text);
        } catch (YamlText.SyntaxError e) {
            throw new BadInputException("--set " + argument + ": " + e.getMessage(), e);
        }
        if (value.isMissingNode()) {
            throw bad(argument, "missing value after '=' (write null for null, \"\" for an empty string)");
        }
        return new SetOverride(argument, List.copyOf(path), value);
    }

    /** The dotted key path. */
    String key() {
        return String.join(".", path);
    }

    /** Writes the value into {@code root}, creating missing (or null) intermediate maps. */
    void applyTo(ObjectNode root) {
        ObjectNode node = root;
        for (int i = 0; i < path.size() - 1; i++) {
            JsonNode child = node.get(path.get(i));
            if (child == null || child.isNull()) {
                child = node.putObject(path.get(i));
            } else if (!child.isObject()) {
                throw bad(argument, String.join(".", path.subList(0, i + 1)) + " is not a map");
            }
            node = (ObjectNode) child;
        }
        node.set(path.get(path.size() - 1), value.deepCopy());
    }

    private static BadInputException bad(String argument, String problem) {
        return new BadInputException("--set " + argument + ": " + problem);
    }
}
