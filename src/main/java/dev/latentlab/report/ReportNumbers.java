package dev.latentlab.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/**
 * Numbers as a person reads them in the report: whole numbers exact with thousands separators (20,074,704),
 * others rounded to four significant digits (0.9877, 1,254, 25.61), in scientific notation when very small or very
 * large (1.235e-05). summary.json keeps every digit; the page shows this.
 */
public final class ReportNumbers {
    /** Significant digits shown for a number that is not whole. */
    public static final int DIGITS = 4;
    private static final MathContext ROUND = new MathContext(DIGITS, RoundingMode.HALF_EVEN);

    private ReportNumbers() {
    }

    /** A whole number with thousands separators. */
    public static String whole(long value) {
        return grouped().format(value);
    }

    /** {@code value} to four significant digits (whole numbers of a double exact up to 10^15), as above. */
    public static String format(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "∞" : "−∞";
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e4) {
            return whole((long) value);
        }
        double abs = Math.abs(value);
        BigDecimal rounded = new BigDecimal(value).round(ROUND);
        if (abs < 1e-4 || abs >= 1e15) {
            return String.format(Locale.ROOT, "%." + (DIGITS - 1) + "e", value).replaceFirst("\\.?0+e", "e");
        }
        if (rounded.scale() <= 0) {
            return whole(rounded.longValueExact());
        }
        DecimalFormat f = grouped();
        f.setMinimumFractionDigits(0);
        f.setMaximumFractionDigits(rounded.scale());
        return f.format(rounded);
    }

    /**
     * A text from a CSV cell or JSON value: a number is formatted as above (a whole number exactly), anything else
     * returned as it is.
     */
    public static String formatText(String text) {
        String t = text.strip();
        if (t.matches("[-+]?\\d{1,18}")) {
            return whole(Long.parseLong(t));
        }
        if (t.matches("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?")) {
            return format(Double.parseDouble(t));
        }
        return text;
    }

    private static DecimalFormat grouped() {
        DecimalFormat f = new DecimalFormat("#,##0", DecimalFormatSymbols.getInstance(Locale.ROOT));
        f.setRoundingMode(RoundingMode.HALF_EVEN);
        return f;
    }
}
