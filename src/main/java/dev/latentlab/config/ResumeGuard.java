package dev.latentlab.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.latentlab.BadInputException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code --resume} may change: the keys that shape the model or the data (by default {@code seed},
 * {@code data.*} and {@code model.*}) must equal those of the run being continued; training-length, evaluation
 * and report keys may change. Compares two fully resolved configs ({@link ConfigYaml} text).
 */
public final class ResumeGuard {
    /** The key paths (a key and everything under it) a resumed VAE training must keep. */
    public static final List<String> MODEL_AND_DATA = List.of("seed", "data", "model");

    private ResumeGuard() {
    }

    /**
     * Refuses, as a {@link BadInputException} naming the key and both values, the first key under
     * {@code guarded} whose value in {@code current} differs from {@code stored} (whose origin {@code storedFile}
     * the message names). A key {@code stored} lacks (written before the key existed) is taken at its value in
     * {@code defaults}, a resolved config of today's defaults (null: none).
     */
    public static void check(String stored, String current, String defaults, List<String> guarded,
                             String storedFile) {
        JsonNode storedTree = tree(stored);
        Map<String, String> before = leaves(defaults == null ? storedTree : Defaults.merge(tree(defaults), storedTree));
        Map<String, String> now = leaves(current);
        for (String key : union(before, now)) {
            if (!isGuarded(key, guarded)) {
                continue;
            }
            String was = before.getOrDefault(key, "(absent)");
            String is = now.getOrDefault(key, "(absent)");
            if (!was.equals(is)) {
                throw new BadInputException("--resume: " + key + " = " + is + " differs from the interrupted run's "
                        + was + " (" + storedFile + "); keys under " + String.join(", ", guarded)
                        + " shape the model or the data and must stay as they were (start afresh without --resume)");
            }
        }
    }

    private static boolean isGuarded(String key, List<String> guarded) {
        for (String g : guarded) {
            if (key.equals(g) || key.startsWith(g + ".")) {
                return true;
            }
        }
        return false;
    }

    private static Iterable<String> union(Map<String, String> a, Map<String, String> b) {
        Map<String, String> all = new LinkedHashMap<>(a);
        b.forEach(all::putIfAbsent);
        return all.keySet();
    }

    private static JsonNode tree(String yaml) {
        try {
            return ConfigMappers.STRICT.readTree(yaml);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read a resolved config: " + e.getOriginalMessage(), e);
        }
    }

    /** Every leaf of the YAML tree by its dotted key path; lists are leaves (their text as a whole). */
    private static Map<String, String> leaves(String yaml) {
        return leaves(tree(yaml));
    }

    private static Map<String, String> leaves(JsonNode root) {
        Map<String, String> out = new LinkedHashMap<>();
        collect(root, "", out);
        return out;
    }

    private static void collect(JsonNode node, String path, Map<String, String> out) {
        if (node != null && node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                collect(e.getValue(), path.isEmpty() ? e.getKey() : path + "." + e.getKey(), out);
            }
        } else {
            out.put(path, ValueText.of(node));
        }
    }
}
