package dev.latentlab.data;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An n-dimensional array in numpy's {@code .npy} format (versions 1.0 to 3.0): parsed from bytes, or built from
 * Java arrays and written as bytes. Elements are held in C (row-major) order whatever the file's order:
 * Fortran-ordered files are reordered on parsing, and big-endian files are read in their byte order. Immutable.
 *
 * <pre>{@code NpyArray a = NpyArray.parse(bytes); double v = a.getDouble(i);}</pre>
 */
public final class NpyArray {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([<>|=])([a-zA-Z])(\\d+)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private final NpyDtype dtype;
    private final long[] shape;
    private final ByteBuffer data;

    private NpyArray(NpyDtype dtype, long[] shape, ByteBuffer data) {
        this.dtype = dtype;
        this.shape = shape;
        this.data = data.asReadOnlyBuffer().order(data.order());
    }

    /** A uint8 array of the given shape over a copy of {@code values}. */
    public static NpyArray ofUint8(byte[] values, long... shape) {
        checkLength(values.length, shape);
        return new NpyArray(NpyDtype.UINT8, shape.clone(), ByteBuffer.wrap(values.clone()));
    }

    /** An int64 array of the given shape. */
    public static NpyArray ofInt64(long[] values, long... shape) {
        checkLength(values.length, shape);
        ByteBuffer b = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        b.asLongBuffer().put(values);
        return new NpyArray(NpyDtype.INT64, shape.clone(), b);
    }

    /** A float32 array of the given shape. */
    public static NpyArray ofFloat32(float[] values, long... shape) {
        checkLength(values.length, shape);
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        return new NpyArray(NpyDtype.FLOAT32, shape.clone(), b);
    }

    /** A float64 array of the given shape. */
    public static NpyArray ofFloat64(double[] values, long... shape) {
        checkLength(values.length, shape);
        ByteBuffer b = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        b.asDoubleBuffer().put(values);
        return new NpyArray(NpyDtype.FLOAT64, shape.clone(), b);
    }

    /**
     * Parses the bytes of a {@code .npy} file.
     *
     * @throws IllegalArgumentException with a short reason when the bytes are not a supported {@code .npy} array
     */
    public static NpyArray parse(byte[] bytes) {
        if (bytes.length < 10 || !Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new IllegalArgumentException("not a .npy array (magic \\x93NUMPY missing)");
        }
        int major = bytes[6];
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long headerLength;
        int headerStart;
        if (major == 1) {
            headerLength = in.getShort(8) & 0xffff;
            headerStart = 10;
        } else if (major == 2 || major == 3) {
            if (bytes.length < 12) {
                throw new IllegalArgumentException("truncated .npy header");
            }
            headerLength = in.getInt(8) & 0xffffffffL;
            headerStart = 12;
        } else {
            throw new IllegalArgumentException(".npy format version " + major + " is not supported (1 to 3)");
        }
        if (headerStart + headerLength > bytes.length) {
            throw new IllegalArgumentException("truncated .npy header");
        }
        String header = new String(bytes, headerStart, (int) headerLength,
                major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        Matcher descr = DESCR.matcher(header);
        if (!descr.find()) {
            throw new IllegalArgumentException("unsupported dtype in header " + header.strip()
                    + " (expected a plain numeric or bool dtype)");
        }
        char order = descr.group(1).charAt(0);
        char kind = descr.group(2).charAt(0);
        NpyDtype dtype = NpyDtype.of(kind, Integer.parseInt(descr.group(3)));
        if (dtype == null) {
            throw new IllegalArgumentException("dtype '" + descr.group(1) + descr.group(2) + descr.group(3)
                    + "' is not supported (expected bool, int8..int64, uint8..uint64, float32 or float64)");
        }
        Matcher fortran = FORTRAN.matcher(header);
        Matcher shapeMatch = SHAPE.matcher(header);
        if (!fortran.find() || !shapeMatch.find()) {
            throw new IllegalArgumentException("malformed .npy header " + header.strip());
        }
        long[] shape = parseShape(shapeMatch.group(1));
        long count = product(shape);
        long dataStart = headerStart + headerLength;
        if (count * dtype.size() > Integer.MAX_VALUE - 16L) {
            throw new IllegalArgumentException("array of shape " + Arrays.toString(shape) + " is too large (2 GB at most)");
        }
        long expected = count * dtype.size();
        if (bytes.length - dataStart != expected) {
            throw new IllegalArgumentException("data of " + (bytes.length - dataStart) + " bytes, expected " + expected
                    + " for " + dtype.numpyName() + " of shape " + Arrays.toString(shape));
        }
        ByteBuffer data = ByteBuffer.wrap(bytes, (int) dataStart, (int) expected).slice();
        if ("True".equals(fortran.group(1)) && shape.length > 1) {
            data = ByteBuffer.wrap(fortranToC(data, shape, dtype.size()));
        }
        data.order(order == '>' ? ByteOrder.BIG_ENDIAN
                : order == '=' ? ByteOrder.nativeOrder() : ByteOrder.LITTLE_ENDIAN);
        return new NpyArray(dtype, shape, data);
    }

    /** The array as a {@code .npy} file (format 1.0, little-endian, C order). */
    public byte[] toNpyBytes() {
        StringBuilder dims = new StringBuilder();
        for (long s : shape) {
            dims.append(s).append(", ");
        }
        if (shape.length > 1) {
            dims.setLength(dims.length() - 2);
        } else if (shape.length == 1) {
            dims.setLength(dims.length() - 1);
        }
        String dict = "{'descr': '" + dtype.descriptor() + "', 'fortran_order': False, 'shape': (" + dims + "), }";
        int unpadded = 10 + dict.length() + 1;
        int padded = (unpadded + 63) / 64 * 64;
        String header = dict + " ".repeat(padded - unpadded) + "\n";
        int dataBytes = data.capacity();
        ByteBuffer out = ByteBuffer.allocate(padded + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        out.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) header.length());
        out.put(header.getBytes(StandardCharsets.ISO_8859_1));
        if (dtype.size() == 1 || data.order() == ByteOrder.LITTLE_ENDIAN) {
            out.put(data.duplicate().clear());
        } else {
            for (int i = 0; i < size(); i++) {
                putLittleEndian(out, i);
            }
        }
        return out.array();
    }

    public NpyDtype dtype() {
        return dtype;
    }

    /** The dimension sizes (a copy); empty for a scalar. */
    public long[] shape() {
        return shape.clone();
    }

    /** Number of dimensions. */
    public int rank() {
        return shape.length;
    }

    /** Size of dimension {@code d}. */
    public long dim(int d) {
        return shape[d];
    }

    /** Number of elements. */
    public int size() {
        return (int) product(shape);
    }

    /** Element {@code i} (flat, C order) as a double; integers beyond 2^53 lose precision, uint64 is unsigned. */
    public double getDouble(int i) {
        return switch (dtype) {
            case FLOAT32 -> data.getFloat(i * 4);
            case FLOAT64 -> data.getDouble(i * 8);
            case UINT64 -> {
                long v = data.getLong(i * 8);
                yield v >= 0 ? v : (double) (v >>> 1) * 2.0 + (v & 1);
            }
            default -> getLong(i);
        };
    }

    /**
     * Element {@code i} (flat, C order) of an integer or bool array as a long; uint64 values above
     * {@link Long#MAX_VALUE} come back negative (check {@link #dtype()}).
     *
     * @throws IllegalStateException on a float array
     */
    public long getLong(int i) {
        return switch (dtype) {
            case BOOL -> data.get(i) != 0 ? 1 : 0;
            case INT8 -> data.get(i);
            case UINT8 -> data.get(i) & 0xff;
            case INT16 -> data.getShort(i * 2);
            case UINT16 -> data.getShort(i * 2) & 0xffff;
            case INT32 -> data.getInt(i * 4);
            case UINT32 -> data.getInt(i * 4) & 0xffffffffL;
            case INT64, UINT64 -> data.getLong(i * 8);
            case FLOAT32, FLOAT64 -> throw new IllegalStateException("getLong on a " + dtype.numpyName() + " array");
        };
    }

    /** All elements as doubles, C order. */
    public double[] toDoubleArray() {
        double[] out = new double[size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = getDouble(i);
        }
        return out;
    }

    /** The raw bytes of a uint8 array (a copy), C order. */
    public byte[] toUint8Array() {
        if (dtype != NpyDtype.UINT8) {
            throw new IllegalStateException("toUint8Array on a " + dtype.numpyName() + " array");
        }
        byte[] out = new byte[size()];
        data.duplicate().clear().get(out);
        return out;
    }

    /** A short description such as {@code float32 [60000, 28, 28]}. */
    public String describe() {
        return dtype.numpyName() + " " + Arrays.toString(shape);
    }

    @Override
    public String toString() {
        return "NpyArray[" + describe() + "]";
    }

    private void putLittleEndian(ByteBuffer out, int i) {
        switch (dtype.size()) {
            case 2 -> out.putShort(data.getShort(i * 2));
            case 4 -> out.putInt(data.getInt(i * 4));
            default -> out.putLong(data.getLong(i * 8));
        }
    }

    private static long[] parseShape(String text) {
        String[] parts = text.split(",");
        long[] dims = new long[parts.length];
        int n = 0;
        for (String part : parts) {
            String p = part.strip();
            if (p.endsWith("L")) {
                p = p.substring(0, p.length() - 1);
            }
            if (p.isEmpty()) {
                continue;
            }
            try {
                dims[n] = Long.parseLong(p);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("malformed shape (" + text + ")");
            }
            if (dims[n] < 0) {
                throw new IllegalArgumentException("negative dimension in shape (" + text + ")");
            }
            n++;
        }
        return Arrays.copyOf(dims, n);
    }

    private static long product(long[] shape) {
        long p = 1;
        for (long s : shape) {
            p = Math.multiplyExact(p, s);
        }
        return p;
    }

    private static void checkLength(int length, long[] shape) {
        for (long s : shape) {
            if (s < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            }
        }
        if (product(shape) != length) {
            throw new IllegalArgumentException(length + " values do not fill shape " + Arrays.toString(shape));
        }
    }

    /** Copies column-major (Fortran) element data into row-major (C) order. */
    private static byte[] fortranToC(ByteBuffer src, long[] shape, int itemSize) {
        int rank = shape.length;
        long[] fStride = new long[rank];
        long stride = 1;
        for (int d = 0; d < rank; d++) {
            fStride[d] = stride;
            stride *= shape[d];
        }
        int count = (int) stride;
        byte[] out = new byte[count * itemSize];
        if (count == 0) {
            return out;
        }
        int[] index = new int[rank];
        long f = 0;
        for (int c = 0; c < count; c++) {
            src.get((int) (f * itemSize), out, c * itemSize, itemSize);
            for (int d = rank - 1; d >= 0; d--) {
                if (++index[d] < shape[d]) {
                    f += fStride[d];
                    break;
                }
                f -= fStride[d] * (shape[d] - 1);
                index[d] = 0;
            }
        }
        return out;
    }
}
