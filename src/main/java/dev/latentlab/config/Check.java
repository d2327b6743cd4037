package dev.latentlab.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Validation for the compact constructors of config records. Each check returns its (possibly copied) value
 * or throws an {@link InvalidValueException} naming the key relative to the record, the value and the
 * expectation, e.g. {@code k[3] = 0: expected an integer >= 1}. List checks return immutable copies.
 */
public final class Check {
    private Check() {
    }

    /** {@code value >= min}. */
    public static int atLeast(String key, int value, int min) {
        if (value < min) {
            throw new InvalidValueException(key, value, "an integer >= " + min);
        }
        return value;
    }

    /** {@code value >= min}. */
    public static long atLeast(String key, long value, long min) {
        if (value < min) {
            throw new InvalidValueException(key, value, "an integer >= " + min);
        }
        return value;
    }

    /** {@code value >= min}; NaN and ∞ fail. */
    public static double atLeast(String key, double value, double min) {
        if (!(value >= min) || Double.isInfinite(value)) {
            throw new InvalidValueException(key, value, "a number >= " + number(min));
        }
        return value;
    }

    /** {@code null} (meaning "not set": all, none, automatic) or {@code value >= min}. */
    public static Integer nullOrAtLeast(String key, Integer value, int min) {
        if (value != null && value < min) {
            throw new InvalidValueException(key, value, "null or an integer >= " + min);
        }
        return value;
    }

    /** {@code min <= value <= max}. */
    public static int inRange(String key, int value, int min, int max) {
        if (value < min || value > max) {
            throw new InvalidValueException(key, value, "an integer from " + min + " to " + max);
        }
        return value;
    }

    /** {@code min <= value <= max}; NaN fails. */
    public static double inRange(String key, double value, double min, double max) {
        if (!(value >= min && value <= max)) {
            throw new InvalidValueException(key, value, "a number from " + number(min) + " to " + number(max));
        }
        return value;
    }

    /** One of {@code allowed} (case-sensitive), with a "did you mean" for a near miss. */
    public static String oneOf(String key, String value, String... allowed) {
        if (value == null || !Arrays.asList(allowed).contains(value)) {
            throw new InvalidValueException(key, value, oneOfExpectation(value, Arrays.asList(allowed)));
        }
        return value;
    }

    /**
     * A config option ({@link OptionNames}): a constant of {@code type} with a config name, refused as
     * {@link #oneOf} words it. (YAML is refused when it is bound; this catches a record made in Java.)
     */
    public static <E extends Enum<E>> E option(String key, E value, Class<E> type) {
        List<String> names = OptionNames.of(type);
        String name = value == null ? null : OptionNames.nameOrNull(value);
        if (name == null || !names.contains(name)) {
            throw new InvalidValueException(key, value, oneOfExpectation(null, names));
        }
        return value;
    }

    /** A config option that takes only some constants of its type (see {@link OneOf}): one of them. */
    @SafeVarargs
    public static <E extends Enum<E>> E option(String key, E value, E first, E... more) {
        List<E> allowed = new ArrayList<>(List.of(more));
        allowed.add(0, first);
        if (value == null || !allowed.contains(value)) {
            throw new InvalidValueException(key, value, oneOfExpectation(null, OptionNames.of(allowed)));
        }
        return value;
    }

    /** What {@link #oneOf} expects: {@code one of a, b} (or the single value), a "did you mean" for a near miss. */
    static String oneOfExpectation(String value, List<String> allowed) {
        String expectation = (allowed.size() == 1 ? "" : "one of ") + String.join(", ", allowed);
        String hint = value == null ? "" : Suggestions.closest(value, allowed)
                .map(s -> " (did you mean " + s + "?)").orElse("");
        return expectation + hint;
    }

    /** A non-null string that is not blank. */
    public static String nonEmpty(String key, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidValueException(key, value, "a non-empty string");
        }
        return value;
    }

    /** A non-null, non-empty list; returns an immutable copy. Check elements with {@link #eachAtLeast} and the like. */
    public static <T> List<T> nonEmpty(String key, List<T> values) {
        if (values == null || values.isEmpty()) {
            throw new InvalidValueException(key, values, "a non-empty list");
        }
        return list(key, values);
    }

    /** A non-null list without null elements; returns an immutable copy. */
    public static <T> List<T> list(String key, List<T> values) {
        if (values == null) {
            throw new InvalidValueException(key, null, "a list");
        }
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i) == null) {
                throw new InvalidValueException(key + "[" + i + "]", null, "a value");
            }
        }
        return List.copyOf(values);
    }

    /** A non-null value ({@code expectation} says of what kind, e.g. "a map"). */
    public static <T> T notNull(String key, T value, String expectation) {
        if (value == null) {
            throw new InvalidValueException(key, null, expectation);
        }
        return value;
    }

    /**
     * Every section of a config present: {@code names} (separated by spaces) name the {@code sections} in order; the
     * first missing one is refused as not "a map".
     */
    public static void sectionsPresent(String names, Object... sections) {
        String[] keys = names.split(" ");
        if (keys.length != sections.length) {
            throw new IllegalArgumentException(keys.length + " names for " + sections.length + " sections");
        }
        for (int i = 0; i < keys.length; i++) {
            notNull(keys[i], sections[i], "a map");
        }
    }

    /** A non-null string matching {@code pattern} entirely; {@code expectation} describes the pattern. */
    public static String matches(String key, String value, Pattern pattern, String expectation) {
        if (value == null || !pattern.matcher(value).matches()) {
            throw new InvalidValueException(key, value, expectation);
        }
        return value;
    }

    /** Every element non-null and {@code >= min} (the key of a failure is {@code key[i]}); an immutable copy. */
    public static List<Integer> eachAtLeast(String key, List<Integer> values, int min) {
        List<Integer> copy = list(key, values);
        for (int i = 0; i < copy.size(); i++) {
            if (copy.get(i) < min) {
                throw new InvalidValueException(key + "[" + i + "]", copy.get(i), "an integer >= " + min);
            }
        }
        return copy;
    }

    /** Elements in strictly increasing order (so also without repeats); an immutable copy. */
    public static List<Integer> strictlyIncreasing(String key, List<Integer> values) {
        List<Integer> copy = list(key, values);
        for (int i = 1; i < copy.size(); i++) {
            if (copy.get(i) <= copy.get(i - 1)) {
                throw new InvalidValueException(key, copy, "strictly increasing values (" + key + "[" + i + "] = "
                        + copy.get(i) + " is not above " + copy.get(i - 1) + ")");
            }
        }
        return copy;
    }

    /**
     * Every element is one of {@code allowed}, which is the value of the key {@code allowedKey} (a cross-field
     * check, e.g. report.atlas_k against kmeans.k); an immutable copy.
     */
    public static <T> List<T> eachIn(String key, List<T> values, List<T> allowed, String allowedKey) {
        List<T> copy = list(key, values);
        for (int i = 0; i < copy.size(); i++) {
            if (!allowed.contains(copy.get(i))) {
                throw new InvalidValueException(key + "[" + i + "]", copy.get(i),
                        "a value listed in " + allowedKey + " " + ValueText.of(allowed));
            }
        }
        return copy;
    }

    private static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
    }
}
