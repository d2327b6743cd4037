package dev.latentlab.data;

import dev.latentlab.BadInputException;
import java.util.Arrays;
import java.util.Locale;

/**
 * How the axes of an images array are laid out: {@code nhw} ([N, H, W], grey), {@code nhwc} ([N, H, W, C],
 * channels last, as numpy and TensorFlow keep pictures), {@code nchw} ([N, C, H, W], channels first, as PyTorch
 * keeps tensors), or {@code auto}: rank 3 is nhw, rank 2 [N, H·W] square grey images, rank 4 the layout whose
 * channel axis holds 1 or 3 (refused when both or neither do).
 */
public enum ImageLayout {
    AUTO, NHW, NHWC, NCHW;

    /**
     * The shape of N images, channel-first, read from an array of shape {@code s}.
     *
     * @param count        images
     * @param channels     1 (grey) or 3 (RGB)
     * @param channelsLast true when the array stores each pixel's channels together (nhwc)
     */
    public record Shape(int count, int channels, int height, int width, boolean channelsLast) {
    }

    /** The value as a config or option value ({@code nhwc}). */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The layout named {@code value} (any case), or a one-line refusal naming {@code option}. */
    public static ImageLayout of(String value, String option) {
        for (ImageLayout l : values()) {
            if (l.key().equalsIgnoreCase(value)) {
                return l;
            }
        }
        throw new BadInputException(option + " = " + value + ": expected auto, nhw, nhwc or nchw");
    }

    /**
     * Reads the image shape of an array shaped {@code s}; {@code where} names the file and key, {@code option} the
     * key or option that sets the layout, both in the one-line refusals.
     */
    public Shape resolve(long[] s, String where, String option) {
        String shape = Arrays.toString(s).replace(" ", "");
        ImageLayout layout = this == AUTO ? detect(s, where, shape, option) : this;
        int rank = layout == NHW ? 3 : 4;
        if (s.length != rank && !(this == AUTO && s.length == 2)) {
            throw new BadInputException(where + ": images of shape " + shape + ", expected rank " + rank + " for "
                    + option + " " + layout.key() + " ([N," + (layout == NHW ? "H,W" : layout == NHWC ? "H,W,C" : "C,H,W")
                    + "])");
        }
        long c = layout == NHW ? 1 : layout == NHWC ? s[3] : s[1];
        long h = s.length == 2 ? squareSide(s, where, shape) : layout == NCHW ? s[2] : s[1];
        long w = s.length == 2 ? h : layout == NCHW ? s[3] : s[2];
        if (c != 1 && c != 3) {
            throw new BadInputException(where + ": images of shape " + shape + " have " + c + " channels as "
                    + layout.key() + ", expected 1 (grey) or 3 (RGB)" + (this == AUTO ? "" : "; check " + option));
        }
        if (h == 0 || w == 0) {
            throw new BadInputException(where + ": images of shape " + shape + " have no pixels");
        }
        if (h > 4096 || w > 4096) {
            throw new BadInputException(where + ": images of shape " + shape + " are " + h + "x" + w
                    + " as " + layout.key() + ", expected at most 4096x4096" + (this == AUTO ? " (set " + option + ")" : ""));
        }
        return new Shape((int) s[0], (int) c, (int) h, (int) w, layout == NHWC && c > 1);
    }

    private static ImageLayout detect(long[] s, String where, String shape, String option) {
        if (s.length == 2 || s.length == 3) {
            return NHW;
        }
        if (s.length != 4) {
            throw new BadInputException(where + ": images of shape " + shape + ", expected [N,H,W], [N,H,W,C], "
                    + "[N,C,H,W] or [N,H*W]");
        }
        boolean first = s[1] == 1 || s[1] == 3;
        boolean last = s[3] == 1 || s[3] == 3;
        if (first && last) {
            throw new BadInputException(where + ": images of shape " + shape + " could be [N,C,H,W] or [N,H,W,C] "
                    + "(set " + option + " to nchw or nhwc)");
        }
        if (!first && !last) {
            throw new BadInputException(where + ": images of shape " + shape + " have no channel axis of 1 (grey) "
                    + "or 3 (RGB) first or last (expected [N,C,H,W] or [N,H,W,C])");
        }
        return first ? NCHW : NHWC;
    }

    private static long squareSide(long[] s, String where, String shape) {
        long side = Math.round(Math.sqrt((double) s[1]));
        if (side * side != s[1]) {
            throw new BadInputException(where + ": images of shape " + shape + " have " + s[1]
                    + " pixels each, not a square number (expected [N,784] for 28x28 images)");
        }
        return side;
    }
}
