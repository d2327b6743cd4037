package dev.latentlab.data;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * An n-dimensional array in numpy's {@code .npy} format (versions 1.0 to 3.0): parsed from bytes, or built from
 * Java arrays and written as bytes. Elements are held in C (row-major) order whatever the file's order:
 * Fortran-ordered files are reordered on parsing, and big-endian files are read in their byte order. Immutable.
 *
 * <pre>{@code NpyArray a = NpyArray.parse(bytes); double v = a.getDouble(i);}</pre>
 */
public final class NpyArray {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};

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

    /** A bool array of the given shape over a copy of {@code values} (0 false, 1 true). */
    public static NpyArray ofBool(byte[] values, long... shape) {
        checkLength(values.length, shape);
        return new NpyArray(NpyDtype.BOOL, shape.clone(), ByteBuffer.wrap(values.clone()));
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
        NpyHeader h = NpyHeader.parse(bytes);
        if (h.dataBytes() > Integer.MAX_VALUE - 16L) {
            throw new IllegalArgumentException("array of shape " + Arrays.toString(h.shape()) + " is too large (2 GB at most)");
        }
        long expected = h.dataBytes();
        if (bytes.length - h.dataStart() != expected) {
            throw new IllegalArgumentException("data of " + (bytes.length - h.dataStart()) + " bytes, expected "
                    + expected + " for " + h.dtype().numpyName() + " of shape " + Arrays.toString(h.shape()));
        }
        ByteBuffer data = ByteBuffer.wrap(bytes, h.dataStart(), (int) expected).slice();
        if (h.fortran() && h.shape().length > 1) {
            data = ByteBuffer.wrap(fortranToC(data, h.shape(), h.dtype().size()));
        }
        data.order(h.byteOrder());
        return new NpyArray(h.dtype(), h.shape(), data);
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

    private static long product(long[] shape) {
        try {
            return NpyHeader.elementCount(shape);
        } catch (ArithmeticException overflow) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " overflows a 64-bit count");
        }
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
