package dev.latentlab.data;

import dev.latentlab.BadInputException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Converts numpy arrays to images and labels, validating them: images of shape [N,H,W], [N,1,H,W], [N,H,W,1]
 * or [N,H·W] (a square side is inferred), either integers 0..255 or floats in [0,1] (scaled by 255 and
 * rounded; floats up to 1 outside [0,1], as noisy images have, are clipped with one warning line); labels of shape [N] or [N,1], integers of any width (or floats holding whole numbers).
 * {@code where} names the file and key in the one-line {@link BadInputException}s.
 */
final class ImageArrays {
    /** Float pixels this far outside [0,1] still count as inside (float32 rounding of normalised data). */
    private static final double FLOAT_SLACK = 1e-6;
    /**
     * Float pixels up to this far outside [0,1] are clipped with a warning (noisy images, e.g. the seed's
     * Gaussian noise, range over about -0.46..1.39); further out the data is on another scale and refused.
     */
    private static final double NOISE_MARGIN = 1.0;
    private static final Logger LOG = LoggerFactory.getLogger(ImageArrays.class);

    private ImageArrays() {
    }

    /** The images of {@code a} as an unlabelled set. */
    static ImageSet images(NpyArray a, String where) {
        int[] hw = imageShape(a, where);
        int count = (int) a.dim(0);
        byte[] pixels = switch (a.dtype()) {
            case UINT8 -> a.toUint8Array();
            case FLOAT32, FLOAT64 -> fromFloats(a, where);
            case BOOL -> throw new BadInputException(where + ": bool images are not supported "
                    + "(expected uint8 0..255 or float in [0,1])");
            default -> fromIntegers(a, where);
        };
        return new ImageSet(count, hw[0], hw[1], pixels, null);
    }

    /** The labels in {@code a}. */
    static int[] labels(NpyArray a, String where) {
        if (!(a.rank() == 1 || (a.rank() == 2 && a.dim(1) == 1))) {
            throw new BadInputException(where + ": labels of shape " + shape(a) + ", expected [N] or [N,1]");
        }
        int[] out = new int[a.size()];
        for (int i = 0; i < out.length; i++) {
            long v;
            if (a.dtype().isFloat()) {
                double d = a.getDouble(i);
                if (!Double.isFinite(d) || d != Math.rint(d)) {
                    throw new BadInputException(where + ": label " + d + " at index " + i
                            + " is not a whole number (expected integer class labels)");
                }
                v = (long) d;
            } else {
                v = a.getLong(i);
                if (a.dtype() == NpyDtype.UINT64 && v < 0) {
                    v = Long.MAX_VALUE;
                }
            }
            if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
                throw new BadInputException(where + ": label " + a.getDouble(i) + " at index " + i
                        + " is out of range (expected a 32-bit integer class label)");
            }
            out[i] = (int) v;
        }
        return out;
    }

    private static int[] imageShape(NpyArray a, String where) {
        long[] s = a.shape();
        long h;
        long w;
        if (s.length == 3) {
            h = s[1];
            w = s[2];
        } else if (s.length == 4 && s[1] == 1) {
            h = s[2];
            w = s[3];
        } else if (s.length == 4 && s[3] == 1) {
            h = s[1];
            w = s[2];
        } else if (s.length == 2) {
            long side = Math.round(Math.sqrt((double) s[1]));
            if (side * side != s[1]) {
                throw new BadInputException(where + ": images of shape " + shape(a) + " have " + s[1]
                        + " pixels each, not a square number (expected [N,784] for 28x28 images)");
            }
            h = side;
            w = side;
        } else {
            throw new BadInputException(where + ": images of shape " + shape(a)
                    + ", expected [N,28,28], [N,784] or [N,1,28,28]");
        }
        if (h == 0 || w == 0) {
            throw new BadInputException(where + ": images of shape " + shape(a) + " have no pixels");
        }
        return new int[] {(int) h, (int) w};
    }

    private static byte[] fromFloats(NpyArray a, String where) {
        byte[] out = new byte[a.size()];
        double max = Double.NEGATIVE_INFINITY;
        double min = Double.POSITIVE_INFINITY;
        long clipped = 0;
        for (int i = 0; i < out.length; i++) {
            double v = a.getDouble(i);
            if (!Double.isFinite(v)) {
                throw new BadInputException(where + ": " + v + " at " + position(a, i)
                        + " (expected float pixels in [0,1])");
            }
            max = Math.max(max, v);
            min = Math.min(min, v);
            if (v < -FLOAT_SLACK || v > 1 + FLOAT_SLACK) {
                clipped++;
            }
            out[i] = (byte) Math.round(Math.min(1.0, Math.max(0.0, v)) * 255.0);
        }
        if (min < -NOISE_MARGIN || max > 1 + NOISE_MARGIN) {
            String hint = max > 1 && max <= 255 && min >= 0 ? "; for 0..255 data store uint8 or divide by 255" : "";
            throw new BadInputException(where + ": float pixel values range over [" + min + ", " + max
                    + "], expected [0,1]" + hint);
        }
        if (clipped > 0) {
            LOG.warn("{}: {} of {} float pixel values lie outside [0,1] (range [{}, {}]); clipped to [0,1]", where,
                    clipped, out.length, min, max);
        }
        return out;
    }

    private static byte[] fromIntegers(NpyArray a, String where) {
        byte[] out = new byte[a.size()];
        for (int i = 0; i < out.length; i++) {
            long v = a.getLong(i);
            if (v < 0 || v > 255) {
                String shown = a.dtype() == NpyDtype.UINT64 && v < 0 ? Long.toUnsignedString(v) : Long.toString(v);
                throw new BadInputException(where + ": pixel value " + shown + " at " + position(a, i)
                        + " is out of range (expected 0..255 for " + a.dtype().numpyName() + " images)");
            }
            out[i] = (byte) v;
        }
        return out;
    }

    private static String position(NpyArray a, int flat) {
        long perImage = a.size() / Math.max(1, a.dim(0));
        return "image " + flat / perImage + ", pixel " + flat % perImage;
    }

    private static String shape(NpyArray a) {
        return java.util.Arrays.toString(a.shape()).replace(" ", "");
    }
}
