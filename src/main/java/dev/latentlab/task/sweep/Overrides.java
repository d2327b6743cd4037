package dev.latentlab.task.sweep;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns key path → value maps into {@code --set}-style arguments ({@code model.beta=0.5}) for
 * {@link dev.latentlab.config.ConfigLoader}: the one override mechanism of the CLI, reused for every candidate.
 * Values are written as JSON, which YAML reads back unchanged (numbers, strings, lists, null).
 */
public final class Overrides {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Overrides() {
    }

    /**
     * {@code key=value} arguments for {@code values}, in order; a map value is flattened into its leaves
     * ({@code train: {epochs: 5}} → {@code train.epochs=5}) so that it sets keys instead of replacing a section.
     */
    public static List<String> arguments(Map<String, ?> values) {
        Map<String, Object> flat = new LinkedHashMap<>();
        flatten("", values, flat);
        List<String> arguments = new ArrayList<>(flat.size());
        flat.forEach((key, value) -> arguments.add(key + "=" + text(value)));
        return arguments;
    }

    /** The value as YAML flow text (JSON). */
    public static String text(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write override value " + value, e);
        }
    }

    private static void flatten(String prefix, Map<String, ?> map, Map<String, Object> out) {
        for (Map.Entry<String, ?> e : map.entrySet()) {
            String key = prefix + e.getKey();
            if (e.getValue() instanceof Map<?, ?> nested && !nested.isEmpty()) {
                @SuppressWarnings("unchecked")
                Map<String, ?> typed = (Map<String, ?>) nested;
                flatten(key + ".", typed, out);
            } else {
                out.put(key, e.getValue());
            }
        }
    }
}
