package dev.latentlab.task.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The numeric leaves of a run's summary.json as dotted paths ({@code validation.accuracy},
 * {@code results.0.test_mse}), booleans as 0/1, and Jackson's non-finite numbers ({@code "NaN"},
 * {@code "Infinity"}, {@code "-Infinity"}, written as strings); other strings are left out.
 */
public final class SummaryMetrics {
    private static final java.util.Set<String> NON_FINITE = java.util.Set.of("NaN", "Infinity", "-Infinity");

    private SummaryMetrics() {
    }

    /** Every numeric leaf of {@code summary}, in document order. */
    public static Map<String, Double> flatten(JsonNode summary) {
        Map<String, Double> out = new LinkedHashMap<>();
        walk("", summary, out);
        return out;
    }

    private static void walk(String path, JsonNode node, Map<String, Double> out) {
        if (node.isNumber()) {
            out.put(path, node.doubleValue());
        } else if (node.isTextual() && NON_FINITE.contains(node.textValue())) {
            out.put(path, Double.parseDouble(node.textValue()));
        } else if (node.isBoolean()) {
            out.put(path, node.booleanValue() ? 1.0 : 0.0);
        } else if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                walk(path.isEmpty() ? f.getKey() : path + "." + f.getKey(), f.getValue(), out);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(path.isEmpty() ? String.valueOf(i) : path + "." + i, node.get(i), out);
            }
        }
    }
}
