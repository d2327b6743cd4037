package dev.latentlab.data;

import dev.latentlab.BadInputException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Converts numpy arrays to images and labels, validating them: images laid out as {@link ImageLayout} says
 * ([N,H,W], [N,H,W,C], [N,C,H,W], or [N,H·W] square grey images; C 1 or 3), their values made [0,1] intensities as
 * {@link PixelScale} says and stored as 0..255 bytes; labels of shape [N] or [N,1], integers of any width (or floats
 * holding whole numbers). {@code where} names the file and key in the one-line {@link BadInputException}s, which
 * name the key or option that fixes a refused array.
 */
final class ImageArrays {
    /** Float pixels this far outside [0,1] still count as inside (float32 rounding of normalised data). */
    private static final double FLOAT_SLACK = 1e-6;
    private static final Logger LOG = LoggerFactory.getLogger(ImageArrays.class);

    private ImageArrays() {
    }

    /** The images of {@code a} as an unlabelled set, read as {@code format} says. */
    static ImageSet images(NpyArray a, String where, ImageFormat format) {
        ImageLayout.Shape shape = format.layout().resolve(a.shape(), where, format.layoutKey());
        if (a.dtype() == NpyDtype.BOOL) {
            throw new BadInputException(where + ": bool images are not supported (expected integers or floats)");
        }
        byte[] pixels = switch (format.scale()) {
            case AUTO -> a.dtype() == NpyDtype.UINT8 ? a.toUint8Array()
                    : a.dtype().isFloat() ? unitFloats(a, where, format) : fromIntegers(a, where, format);
            case NONE -> clipped(a, where);
            case MAX -> byMaximum(a, where, format);
        };
        if (shape.channelsLast()) {
            pixels = channelsFirst(pixels, shape);
        }
        return new ImageSet(shape.count(), shape.channels(), shape.height(), shape.width(), pixels, null);
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

    /** scale auto, floats: in [0,1] (within float rounding) as they are; anything else refused with its range. */
    private static byte[] unitFloats(NpyArray a, String where, ImageFormat format) {
        double[] range = range(a, where);
        if (range[0] < -FLOAT_SLACK || range[1] > 1 + FLOAT_SLACK) {
            throw new BadInputException(where + ": float pixel values range over [" + range[0] + ", " + range[1]
                    + "], expected [0,1] with " + format.scaleKey() + " auto (" + fixes(range, format) + ")");
        }
        return toBytes(a, 1.0);
    }

    /** scale none: the values are intensities; those outside [0,1] clipped, with one warning line. */
    private static byte[] clipped(NpyArray a, String where) {
        double[] range = range(a, where);
        long outside = 0;
        for (int i = 0; i < a.size(); i++) {
            double v = a.getDouble(i);
            if (v < -FLOAT_SLACK || v > 1 + FLOAT_SLACK) {
                outside++;
            }
        }
        if (outside > 0) {
            LOG.warn("{}: {} of {} pixel values lie outside [0,1] (range [{}, {}]); clipped to [0,1]", where,
                    outside, a.size(), range[0], range[1]);
        }
        return toBytes(a, 1.0);
    }

    /** scale max: divided by the array's maximum; negative values and an all-zero array refused. */
    private static byte[] byMaximum(NpyArray a, String where, ImageFormat format) {
        double[] range = range(a, where);
        if (range[0] < 0 || !(range[1] > 0)) {
            throw new BadInputException(where + ": pixel values range over [" + range[0] + ", " + range[1]
                    + "], expected values >= 0 with a positive maximum for " + format.scaleKey() + " max");
        }
        return toBytes(a, range[1]);
    }

    /** scale auto, integer dtypes other than uint8: 0..255. */
    private static byte[] fromIntegers(NpyArray a, String where, ImageFormat format) {
        byte[] out = new byte[a.size()];
        for (int i = 0; i < out.length; i++) {
            long v = a.getLong(i);
            if (v < 0 || v > 255) {
                String shown = a.dtype() == NpyDtype.UINT64 && v < 0 ? Long.toUnsignedString(v) : Long.toString(v);
                throw new BadInputException(where + ": pixel value " + shown + " at " + position(a, i)
                        + " is out of range (expected 0..255 for " + a.dtype().numpyName() + " images with "
                        + format.scaleKey() + " auto; " + format.scaleKey() + ": max divides by the maximum)");
            }
            out[i] = (byte) v;
        }
        return out;
    }

    /** [min, max] of the values; NaN and infinities refused. */
    private static double[] range(NpyArray a, String where) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < a.size(); i++) {
            double v = a.getDouble(i);
            if (!Double.isFinite(v)) {
                throw new BadInputException(where + ": " + v + " at " + position(a, i) + " (expected finite pixel values)");
            }
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        return new double[] {min, max};
    }

    /** The fixes a refused auto-scaled float range points to. */
    private static String fixes(double[] range, ImageFormat format) {
        String k = format.scaleKey();
        if (range[0] < 0) {
            return "negative values: rescale the array, or " + k + ": none clips to [0,1]";
        }
        return (range[1] <= 255 ? "for 0..255 data store uint8 or divide by 255; " : "") + k
                + ": max divides by the maximum, " + k + ": none clips to [0,1]";
    }

    /** value / divisor as 0..255 bytes, clipped to [0,1] first. */
    private static byte[] toBytes(NpyArray a, double divisor) {
        byte[] out = new byte[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Math.round(Math.min(1.0, Math.max(0.0, a.getDouble(i) / divisor)) * 255.0);
        }
        return out;
    }

    /** [N,H,W,C] bytes reordered as [N,C,H,W]. */
    private static byte[] channelsFirst(byte[] hwc, ImageLayout.Shape s) {
        byte[] chw = new byte[hwc.length];
        int plane = s.height() * s.width();
        int size = plane * s.channels();
        for (int n = 0; n < s.count(); n++) {
            for (int p = 0; p < plane; p++) {
                for (int c = 0; c < s.channels(); c++) {
                    chw[n * size + c * plane + p] = hwc[n * size + p * s.channels() + c];
                }
            }
        }
        return chw;
    }

    private static String position(NpyArray a, int flat) {
        long perImage = a.size() / Math.max(1, a.dim(0));
        return "image " + flat / perImage + ", pixel " + flat % perImage;
    }

    private static String shape(NpyArray a) {
        return java.util.Arrays.toString(a.shape()).replace(" ", "");
    }
}
