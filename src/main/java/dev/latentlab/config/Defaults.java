package dev.latentlab.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Iterator;
import java.util.Map;

/**
 * Record defaults: finds a config record's {@code public static final DEFAULTS} instance and lays a user's tree
 * over its YAML form, so that a missing key takes its default while an explicit value (null included) wins. A
 * record whose defaults depend on one of its keys (vae_gmm's {@code model.type}) also declares
 * {@code public static X defaultsFor(JsonNode tree)}, which picks the defaults for the user's tree.
 */
final class Defaults {
    private Defaults() {
    }

    /** The YAML tree (snake_case keys) of {@code type}'s {@code DEFAULTS} instance. */
    static ObjectNode treeOf(Class<? extends Record> type) {
        return ConfigMappers.STRICT.valueToTree(instanceOf(type));
    }

    /**
     * The YAML tree of the defaults {@code user} is laid over: what {@code type}'s {@code defaultsFor(tree)}
     * returns when it declares one, else {@code DEFAULTS}.
     */
    static ObjectNode treeOf(Class<? extends Record> type, JsonNode user) {
        Method picker;
        try {
            picker = type.getMethod("defaultsFor", JsonNode.class);
        } catch (NoSuchMethodException e) {
            return treeOf(type);
        }
        try {
            return ConfigMappers.STRICT.valueToTree(type.cast(picker.invoke(null, user)));
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException(type.getName() + ".defaultsFor failed", e);
        }
    }

    /** The record's {@code DEFAULTS}; a config record without one is a programming error. */
    static <T extends Record> T instanceOf(Class<T> type) {
        try {
            Field field = type.getField("DEFAULTS");
            if (!Modifier.isStatic(field.getModifiers()) || field.getType() != type) {
                throw new NoSuchFieldException("DEFAULTS");
            }
            return type.cast(field.get(null));
        } catch (NoSuchFieldException | IllegalAccessException e) {
            throw new IllegalStateException(type.getName() + " must declare public static final "
                    + type.getSimpleName() + " DEFAULTS (see the dev.latentlab.config package docs)", e);
        }
    }

    /**
     * {@code user} laid over {@code defaults}: maps merge key by key; anything else in {@code user} replaces the
     * default. A null where the default is a map (a YAML section with all its keys commented out) keeps the
     * defaults of that section.
     */
    static JsonNode merge(JsonNode defaults, JsonNode user) {
        if (defaults == null || !defaults.isObject()) {
            return user.deepCopy();
        }
        if (user.isNull()) {
            return defaults.deepCopy();
        }
        if (!user.isObject()) {
            return user.deepCopy();
        }
        ObjectNode merged = defaults.deepCopy();
        Iterator<Map.Entry<String, JsonNode>> fields = user.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            merged.set(field.getKey(), merge(defaults.get(field.getKey()), field.getValue()));
        }
        return merged;
    }
}
