package dev.latentlab.config;

import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.databind.JsonMappingException.Reference;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/** Dotted config key paths with list indices, as users see them: {@code kmeans.k[3]}. */
final class KeyPath {
    private KeyPath() {
    }

    /** The path of a Jackson exception's reference chain. */
    static String of(List<Reference> references) {
        StringBuilder path = new StringBuilder();
        for (Reference reference : references) {
            append(path, reference.getFieldName(), reference.getIndex());
        }
        return path.toString();
    }

    /** The path of a parser context (the enclosing maps and lists, root excluded). */
    static String of(JsonStreamContext context) {
        Deque<JsonStreamContext> chain = new ArrayDeque<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            chain.push(c);
        }
        StringBuilder path = new StringBuilder();
        for (JsonStreamContext c : chain) {
            append(path, c.inObject() ? c.getCurrentName() : null, c.inArray() ? c.getCurrentIndex() : -1);
        }
        return path.toString();
    }

    /** {@code prefix.key}, or {@code prefix[i]} when the key starts with an index; either may be empty. */
    static String join(String prefix, String key) {
        if (prefix.isEmpty()) {
            return key;
        }
        if (key.isEmpty() || key.startsWith("[")) {
            return prefix + key;
        }
        return prefix + "." + key;
    }

    /** The node of {@code tree} that the references lead to (a scalar stands for its own one-element list). */
    static JsonNode nodeAt(JsonNode tree, List<Reference> references) {
        JsonNode node = tree;
        for (Reference reference : references) {
            if (reference.getFieldName() != null) {
                node = node.path(reference.getFieldName());
            } else if (reference.getIndex() >= 0 && node.isArray()) {
                node = node.path(reference.getIndex());
            }
        }
        return node;
    }

    /** True when {@code path} is {@code ancestor} or lies below it. */
    static boolean within(String path, String ancestor) {
        return path.equals(ancestor) || path.startsWith(ancestor + ".") || path.startsWith(ancestor + "[");
    }

    private static void append(StringBuilder path, String name, int index) {
        if (name != null) {
            if (!path.isEmpty()) {
                path.append('.');
            }
            path.append(name);
        } else if (index >= 0) {
            path.append('[').append(index).append(']');
        }
    }
}
