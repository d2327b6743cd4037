package dev.latentlab.config;

import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.latentlab.BadInputException;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Turns Jackson binding failures into one-line {@link BadInputException}s:
 * {@code <origin>: unknown key kmeans.max_iters (did you mean kmeans.max_iter?)},
 * {@code <origin>: kmeans.max_iter = "ten": expected an integer},
 * {@code <origin>: kmeans.k[3] = 0: expected an integer >= 1}. The origin (the file, or the {@code --set}
 * that wrote the key) comes from a function of the key path.
 */
final class BindingErrors {
    private BindingErrors() {
    }

    /**
     * @param e      the failure
     * @param tree   the tree that was bound (for the offending value)
     * @param origin key path → the file or {@code --set} argument to name
     */
    static BadInputException translate(JsonMappingException e, JsonNode tree, UnaryOperator<String> origin) {
        String path = KeyPath.of(e.getPath());
        // A record's compact constructor (key relative to the record) or an option value (the key is the path).
        if (e.getCause() instanceof InvalidValueException invalid) {
            String key = KeyPath.join(path, invalid.key());
            return new BadInputException(origin.apply(key) + ": " + key + " = " + invalid.value() + ": expected "
                    + invalid.expectation(), e);
        }
        if (e instanceof UnrecognizedPropertyException unknown) {
            return unknownKey(unknown, path, origin);
        }
        String value = ValueText.of(KeyPath.nodeAt(tree, e.getPath()));
        if (e.getCause() instanceof InputCoercionException range) {
            return new BadInputException(origin.apply(path) + ": " + path + " = " + value + ": expected "
                    + expected(range.getTargetType()) + " in range", e);
        }
        if (e instanceof MismatchedInputException mismatch) {
            if (mismatch.getOriginalMessage().startsWith("Missing creator property")) {
                return new BadInputException(origin.apply(path) + ": missing key " + path, e);
            }
            return new BadInputException(origin.apply(path) + ": " + path + " = " + value + ": expected "
                    + expected(mismatch.getTargetType()), e);
        }
        return new BadInputException(origin.apply(path) + ": " + (path.isEmpty() ? "" : path + ": ")
                + e.getOriginalMessage().strip().replaceAll("\\s*\\R\\s*", " "), e);
    }

    private static BadInputException unknownKey(UnrecognizedPropertyException e, String path, UnaryOperator<String> origin) {
        List<JsonMappingException.Reference> references = e.getPath();
        String parent = KeyPath.of(references.subList(0, Math.max(0, references.size() - 1)));
        Collection<String> known = knownKeys(e);
        String hint = Suggestions.closest(e.getPropertyName(), known)
                .map(name -> " (did you mean " + KeyPath.join(parent, name) + "?)")
                .orElse(" (valid keys" + (parent.isEmpty() ? "" : " in " + parent) + ": " + String.join(", ", known) + ")");
        return new BadInputException(origin.apply(path) + ": unknown key " + path + hint, e);
    }

    /** The keys the record accepts, in component order when the referring class is a record. */
    private static List<String> knownKeys(UnrecognizedPropertyException e) {
        List<String> known = e.getKnownPropertyIds().stream().map(String::valueOf).toList();
        Class<?> type = e.getReferringClass();
        if (type == null || !type.isRecord()) {
            return known;
        }
        return Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName).map(ConfigMappers.KEY_NAMING::translate)
                .filter(known::contains).toList();
    }

    /** What a value bound to {@code type} must look like, in a user's words. */
    static String expected(Class<?> type) {
        if (type == null) {
            return "a different value";
        }
        if (type == int.class || type == long.class || type == short.class || type == byte.class
                || type == Integer.class || type == Long.class || type == Short.class || type == Byte.class
                || type == BigInteger.class) {
            return "an integer";
        }
        if (type == double.class || type == float.class || type == Double.class || type == Float.class
                || type == BigDecimal.class) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (CharSequence.class.isAssignableFrom(type)) {
            return "a string";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a list";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "a map";
        }
        return "a value of type " + type.getSimpleName();
    }
}
