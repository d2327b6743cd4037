package dev.latentlab.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The header of a {@code .npy} array: dtype, byte order, memory order, shape, and so the exact number of data
 * bytes that must follow it (shape × itemsize, computed with overflow checks). Read from the first bytes of a
 * stream before any data, so that a reader can refuse an array larger than it allows without reading it.
 *
 * @param dtype     element type
 * @param byteOrder the data's byte order
 * @param fortran   whether the data is in column-major order
 * @param shape     dimension sizes
 * @param dataStart offset of the first data byte
 * @param dataBytes the data's length in bytes
 */
record NpyHeader(NpyDtype dtype, ByteOrder byteOrder, boolean fortran, long[] shape, int dataStart, long dataBytes) {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([<>|=])([a-zA-Z])(\\d+)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");
    /** numpy itself refuses headers above 10,000 bytes by default; a megabyte leaves room and bounds the read. */
    private static final int MAX_HEADER = 1 << 20;

    /**
     * Reads the magic, version and header of a {@code .npy} stream and returns exactly those bytes (the stream is
     * left at the first data byte).
     *
     * @throws IllegalArgumentException when the bytes are not a {@code .npy} header
     */
    static byte[] readPrefix(InputStream in) throws IOException {
        byte[] start = in.readNBytes(12);
        long length = headerLength(start);
        int headerStart = start[6] == 1 ? 10 : 12;
        byte[] prefix = Arrays.copyOf(start, (int) (headerStart + length));
        int extra = prefix.length - start.length;
        if (extra < 0) {      // a version 1 header shorter than two bytes: take back what was read past it
            throw new IllegalArgumentException("truncated .npy header");
        }
        byte[] rest = in.readNBytes(extra);
        if (rest.length < extra) {
            throw new IllegalArgumentException("truncated .npy header");
        }
        System.arraycopy(rest, 0, prefix, start.length, extra);
        return prefix;
    }

    /**
     * Parses the header at the start of {@code bytes} (which may hold the data too, or only the header).
     *
     * @throws IllegalArgumentException with a short reason when it is not a supported {@code .npy} header
     */
    static NpyHeader parse(byte[] bytes) {
        long headerLength = headerLength(bytes);
        int major = bytes[6];
        int headerStart = major == 1 ? 10 : 12;
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
        NpyDtype dtype = NpyDtype.of(descr.group(2).charAt(0), Integer.parseInt(descr.group(3)));
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
        long dataBytes;
        try {
            dataBytes = Math.multiplyExact(elementCount(shape), dtype.size());
        } catch (ArithmeticException overflow) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " of " + dtype.numpyName()
                    + " overflows a 64-bit byte count");
        }
        ByteOrder byteOrder = order == '>' ? ByteOrder.BIG_ENDIAN
                : order == '=' ? ByteOrder.nativeOrder() : ByteOrder.LITTLE_ENDIAN;
        return new NpyHeader(dtype, byteOrder, "True".equals(fortran.group(1)), shape,
                (int) (headerStart + headerLength), dataBytes);
    }

    /** The number of elements of {@code shape}; an overflow is an {@link ArithmeticException}. */
    static long elementCount(long[] shape) {
        long p = 1;
        for (long s : shape) {
            p = Math.multiplyExact(p, s);
        }
        return p;
    }

    private static long headerLength(byte[] bytes) {
        if (bytes.length < 10 || !Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new IllegalArgumentException("not a .npy array (magic \\x93NUMPY missing)");
        }
        int major = bytes[6];
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long length;
        if (major == 1) {
            length = in.getShort(8) & 0xffff;
        } else if (major == 2 || major == 3) {
            if (bytes.length < 12) {
                throw new IllegalArgumentException("truncated .npy header");
            }
            length = in.getInt(8) & 0xffffffffL;
        } else {
            throw new IllegalArgumentException(".npy format version " + major + " is not supported (1 to 3)");
        }
        if (length > MAX_HEADER) {
            throw new IllegalArgumentException(".npy header of " + length + " bytes (at most " + MAX_HEADER + ")");
        }
        return length;
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
}
