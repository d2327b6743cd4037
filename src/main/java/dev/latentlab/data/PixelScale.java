package dev.latentlab.data;

import dev.latentlab.BadInputException;
import java.util.Locale;

/**
 * How the values of an images array become pixel intensities in [0, 1]: {@code auto} (integers 0..255 divided by
 * 255, floats in [0, 1] as they are, anything else refused with the range found), {@code none} (the values are
 * intensities already, whatever the dtype; values outside [0, 1], as noisy images have, are clipped with one
 * warning) or {@code max} (divided by the array's maximum: 0..16 digits, 12-bit scans; negative values refused).
 */
public enum PixelScale {
    AUTO, NONE, MAX;

    /** The value as a config or option value ({@code max}). */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The scale named {@code value} (any case), or a one-line refusal naming {@code option}. */
    public static PixelScale of(String value, String option) {
        for (PixelScale s : values()) {
            if (s.key().equalsIgnoreCase(value)) {
                return s;
            }
        }
        throw new BadInputException(option + " = " + value + ": expected auto, none or max");
    }
}
