package dev.latentlab.config;

/**
 * A config record was given a value outside its domain. Carries the key relative to the record that threw
 * (for example {@code k[3]} or, for a cross-section check in a root record, {@code report.atlas_k}), the
 * offending value as it would be written in YAML, and what was expected. The config loader prefixes the key
 * with its path and the file, turning it into a one-line {@link dev.latentlab.BadInputException}.
 */
public final class InvalidValueException extends IllegalArgumentException {
    private final String key;
    private final String value;
    private final String expectation;

    /**
     * @param key         the snake_case key relative to the record, with list indices ({@code k[3]})
     * @param value       the offending value (rendered YAML-style in the message)
     * @param expectation what was expected, completing "expected ..." ({@code an integer >= 1})
     */
    public InvalidValueException(String key, Object value, String expectation) {
        super(key + " = " + ValueText.of(value) + ": expected " + expectation);
        this.key = key;
        this.value = ValueText.of(value);
        this.expectation = expectation;
    }

    /** The key relative to the record that threw. */
    public String key() {
        return key;
    }

    /** The offending value, rendered as YAML flow text ({@code "ten"}, {@code [1, 2]}, {@code null}). */
    public String value() {
        return value;
    }

    /** What was expected, completing "expected ...". */
    public String expectation() {
        return expectation;
    }
}
