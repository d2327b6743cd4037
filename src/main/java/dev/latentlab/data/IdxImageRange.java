package dev.latentlab.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.GZIPInputStream;

/**
 * Reads images {@code [from, to)} of an idx image file (the MNIST format) without reading the rest: a plain file
 * is read at the range's offset, a gzip-compressed one is decompressed up to the range's end. What a Spark
 * partition uses to read its own images. Runs on Spark executors: plain JDK only.
 */
public final class IdxImageRange {
    private static final int HEADER_BYTES = 16;

    private IdxImageRange() {
    }

    /** The image count, height and width in the file's header. */
    public static int[] shape(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return header(new DataInputStream(stream(channel, gzip(channel))), file);
        } catch (EOFException e) {
            throw new IOException(file + ": truncated idx image file", e);
        }
    }

    /** Images {@code [from, to)} of the file, unlabelled. */
    public static ImageSet read(Path file, int from, int to) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            boolean gzip = gzip(channel);
            DataInputStream in = new DataInputStream(stream(channel, gzip));
            int[] shape = header(in, file);
            if (from < 0 || to < from || to > shape[0]) {
                throw new IOException(file + ": images [" + from + ", " + to + ") outside the file's " + shape[0]);
            }
            int size = shape[1] * shape[2];
            long skip = (long) from * size;
            if (gzip) {
                in.skipNBytes(skip);
            } else {
                channel.position(HEADER_BYTES + skip);
                in = new DataInputStream(stream(channel, false));
            }
            byte[] pixels = new byte[Math.multiplyExact(to - from, size)];
            in.readFully(pixels);
            return new ImageSet(to - from, shape[1], shape[2], pixels, null);
        } catch (EOFException e) {
            throw new IOException(file + ": truncated idx image file", e);
        }
    }

    private static int[] header(DataInputStream in, Path file) throws IOException {
        int magic = in.readInt();
        if (magic != IdxReader.IMAGES_MAGIC) {
            throw new IOException(String.format("%s: not an idx image file (magic 0x%08x)", file, magic));
        }
        return new int[] {in.readInt(), in.readInt(), in.readInt()};
    }

    /** Whether the file starts with the gzip magic bytes 1f 8b. */
    private static boolean gzip(FileChannel channel) throws IOException {
        ByteBuffer magic = ByteBuffer.allocate(2);
        channel.read(magic, 0);
        return magic.position() == 2 && (magic.get(0) & 0xff) == 0x1f && (magic.get(1) & 0xff) == 0x8b;
    }

    /** A buffered stream from the channel's position, decompressed when {@code gzip}. */
    private static InputStream stream(FileChannel channel, boolean gzip) throws IOException {
        InputStream in = new BufferedInputStream(Channels.newInputStream(channel), 1 << 16);
        return gzip ? new GZIPInputStream(in, 1 << 16) : in;
    }
}
