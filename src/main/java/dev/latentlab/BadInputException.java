package dev.latentlab;

/**
 * A user mistake (bad config key or value, missing or malformed data file, bad command-line value).
 * Its message is one line that names the file/key/value and what was expected; the CLI prints it without a
 * stack trace and exits with code 2.
 */
public class BadInputException extends RuntimeException {
    public BadInputException(String message) {
        super(message);
    }

    public BadInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
