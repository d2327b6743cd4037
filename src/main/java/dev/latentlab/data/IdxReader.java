package dev.latentlab.data;

import dev.latentlab.BadInputException;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads images and labels from idx files of unsigned bytes (the MNIST format), plain or gzip-compressed;
 * gzip is recognised by its magic bytes, whatever the file's name. Validation is strict: the magic number,
 * positive dimension sizes, and a length of exactly header plus data. A missing or malformed file is a
 * {@link BadInputException} whose one-line message names the file and what was expected; any other I/O
 * failure is an {@link UncheckedIOException}.
 */
public final class IdxReader {
    /** Magic number of an idx file of unsigned bytes in 3 dimensions (count, rows, columns): images. */
    public static final int IMAGES_MAGIC = 0x00000803;
    /** Magic number of an idx file of unsigned bytes in 1 dimension (count): labels. */
    public static final int LABELS_MAGIC = 0x00000801;

    private static final int BUFFER = 1 << 16;
    /** The first allocation for the data; larger files grow it, so a lying header cannot claim much memory. */
    private static final int INITIAL_CAPACITY = 1 << 26;
    private static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

    private IdxReader() {
    }

    /**
     * Reads an image file and, unless {@code labels} is null, its label file (then both must hold the same
     * number of items). The set's labels are null when {@code labels} is.
     */
    public static ImageSet readImages(Path images, Path labels) {
        Idx idx = read(images, IMAGES_MAGIC, "image");
        int count = idx.dims[0];
        int[] labelValues = null;
        if (labels != null) {
            labelValues = readLabels(labels);
            if (labelValues.length != count) {
                throw new BadInputException(labels + ": " + labelValues.length + " labels, but " + images
                        + " has " + count + " images (expected the same count)");
            }
        }
        return new ImageSet(count, idx.dims[1], idx.dims[2], idx.data, labelValues);
    }

    /** Reads a label file: one value 0..255 per item. */
    public static int[] readLabels(Path labels) {
        Idx idx = read(labels, LABELS_MAGIC, "label");
        int[] values = new int[idx.data.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = idx.data[i] & 0xff;
        }
        return values;
    }

    /** The dimension sizes and data of an idx file. */
    private record Idx(int[] dims, byte[] data) {
    }

    private static Idx read(Path file, int magic, String kind) {
        if (Files.isDirectory(file)) {
            throw new BadInputException(file + ": is a directory (expected an idx " + kind + " file)");
        }
        try (InputStream in = open(file)) {
            return read(in, file, magic, kind);
        } catch (NoSuchFileException e) {
            throw new BadInputException(file + ": file not found (expected an idx " + kind + " file)");
        } catch (AccessDeniedException e) {
            throw new BadInputException(file + ": permission denied (expected a readable idx " + kind + " file)");
        } catch (ZipException | EOFException e) {
            throw new BadInputException(file + ": corrupt or truncated gzip data (" + e.getMessage() + ")");
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read: " + e, e);
        }
    }

    /** A buffered stream over the file, decompressed when it starts with the gzip magic bytes 1f 8b. */
    private static InputStream open(Path file) throws IOException {
        BufferedInputStream in = new BufferedInputStream(Files.newInputStream(file), BUFFER);
        try {
            in.mark(2);
            boolean gzip = in.read() == 0x1f && in.read() == 0x8b;
            in.reset();
            return gzip ? new GZIPInputStream(in, BUFFER) : in;
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    private static Idx read(InputStream in, Path file, int magic, String kind) throws IOException {
        int rank = magic & 0xff;
        int headerBytes = 4 * (1 + rank);
        byte[] header = in.readNBytes(headerBytes);
        if (header.length >= 4 && readInt(header, 0) != magic) {
            throw new BadInputException(String.format("%s: not an idx %s file (magic 0x%08x expected, found 0x%08x%s)",
                    file, kind, magic, readInt(header, 0), otherKind(readInt(header, 0))));
        }
        if (header.length < headerBytes) {
            throw new BadInputException(file + ": not an idx " + kind + " file (" + headerBytes
                    + "-byte header expected, the data ends after " + header.length + " bytes)");
        }
        int[] dims = new int[rank];
        long size = 1;
        for (int d = 0; d < rank; d++) {
            dims[d] = readInt(header, 4 * (d + 1));
            size = Math.min(size * Math.max(dims[d], 0), MAX_ARRAY + 1);   // capped: three dims cannot overflow
        }
        String shape = shape(dims);
        if (Arrays.stream(dims).anyMatch(n -> n <= 0)) {
            throw new BadInputException(file + ": bad idx " + kind + " header (dimension sizes must be positive, found "
                    + shape + ")");
        }
        if (size > MAX_ARRAY) {
            throw new BadInputException(file + ": idx " + kind + " file too large (" + shape + " = " + size
                    + " bytes, at most " + MAX_ARRAY + " supported)");
        }
        int expected = (int) size;
        byte[] data = new byte[Math.min(expected, INITIAL_CAPACITY)];
        int n = 0;
        while (true) {
            n += in.readNBytes(data, n, data.length - n);
            if (n < data.length || n == expected) {
                break;
            }
            data = Arrays.copyOf(data, (int) Math.min(2L * data.length, expected));
        }
        if (n < expected) {
            throw new BadInputException(file + ": truncated idx " + kind + " file (header says " + shape + " = "
                    + expected + " data bytes, found " + n + ")");
        }
        long trailing = in.transferTo(OutputStream.nullOutputStream());
        if (trailing > 0) {
            throw new BadInputException(file + ": trailing bytes in idx " + kind + " file (header says " + shape
                    + " = " + expected + " data bytes, found " + trailing + " more)");
        }
        return new Idx(dims, data);
    }

    private static String otherKind(int found) {
        if (found == IMAGES_MAGIC) {
            return ", an idx image file";
        }
        if (found == LABELS_MAGIC) {
            return ", an idx label file";
        }
        return "";
    }

    private static String shape(int[] dims) {
        StringBuilder s = new StringBuilder();
        for (int d = 0; d < dims.length; d++) {
            s.append(d == 0 ? "" : " x ").append(dims[d]);
        }
        return s.toString();
    }

    private static int readInt(byte[] b, int at) {
        return (b[at] & 0xff) << 24 | (b[at + 1] & 0xff) << 16 | (b[at + 2] & 0xff) << 8 | (b[at + 3] & 0xff);
    }
}
