package dev.latentlab.report;

import java.util.Locale;

/** Numbers as the logs and progress bars print them: four significant digits, a dot for the decimal point. */
public final class Significant {
    private Significant() {
    }

    /** {@code v} with four significant digits ({@code %.4g}, root locale). */
    public static String four(double v) {
        return String.format(Locale.ROOT, "%.4g", v);
    }
}
