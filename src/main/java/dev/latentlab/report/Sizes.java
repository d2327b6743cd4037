package dev.latentlab.report;

/** The check of the sizes a figure or report is given (programming errors, not user input). */
final class Sizes {
    private Sizes() {
    }

    /** {@code value}, which must be at least {@code min}: otherwise "WHAT VALUE must be >= MIN". */
    static int atLeast(String what, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(what + " " + value + " must be >= " + min);
        }
        return value;
    }
}
