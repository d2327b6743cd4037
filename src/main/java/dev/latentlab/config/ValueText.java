package dev.latentlab.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;
import java.util.StringJoiner;

/** Renders config values for error messages the way a user would write them in YAML flow style. */
final class ValueText {
    private ValueText() {
    }

    /** A Java value: strings and options (by their config names) quoted, collections as {@code [a, b]}, maps as {@code {k: v}}. */
    static String of(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof JsonNode node) {
            return of(node);
        }
        if (value instanceof CharSequence text) {
            return quote(text.toString());
        }
        if (value instanceof Enum<?> option) {
            String name = OptionNames.nameOrNull(option);
            return quote(name != null ? name : option.name());
        }
        if (value instanceof Collection<?> items) {
            StringJoiner joiner = new StringJoiner(", ", "[", "]");
            items.forEach(item -> joiner.add(of(item)));
            return joiner.toString();
        }
        if (value instanceof Map<?, ?> map) {
            StringJoiner joiner = new StringJoiner(", ", "{", "}");
            map.forEach((k, v) -> joiner.add(k + ": " + of(v)));
            return joiner.toString();
        }
        return String.valueOf(value);
    }

    /** A tree node; a missing node renders as {@code null}. */
    static String of(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return "null";
        }
        if (node.isTextual()) {
            return quote(node.textValue());
        }
        if (node.isArray()) {
            StringJoiner joiner = new StringJoiner(", ", "[", "]");
            node.forEach(item -> joiner.add(of(item)));
            return joiner.toString();
        }
        if (node.isObject()) {
            StringJoiner joiner = new StringJoiner(", ", "{", "}");
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                joiner.add(field.getKey() + ": " + of(field.getValue()));
            }
            return joiner.toString();
        }
        return node.asText();
    }

    private static String quote(String text) {
        return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\t", "\\t") + '"';
    }
}
