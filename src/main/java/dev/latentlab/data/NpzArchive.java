package dev.latentlab.data;

import dev.latentlab.BadInputException;
import dev.latentlab.store.ShippedFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * An open {@code .npz} file (a zip archive of {@code .npy} entries, stored or deflated, as {@code np.savez} and
 * {@code np.savez_compressed} write them). Arrays are read on demand by key (the entry name without
 * {@code .npy}). Every problem with the file is a {@link BadInputException} naming it.
 */
final class NpzArchive implements AutoCloseable {
    /** The system property that sets {@link #MAX_ARRAY_BYTES}. */
    static final String LIMIT_PROPERTY = "latentlab.max_array_bytes";
    /** The most data bytes one array may hold (default 1 GiB: all 60,000 MNIST digits as float64 are 376 MB). */
    static final long MAX_ARRAY_BYTES = Long.getLong(LIMIT_PROPERTY, 1L << 30);
    private final Path file;
    private final ZipFile zip;
    private final Map<String, ZipEntry> entries = new LinkedHashMap<>();

    private NpzArchive(Path file, ZipFile zip) {
        this.file = file;
        this.zip = zip;
        Enumeration<? extends ZipEntry> e = zip.entries();
        while (e.hasMoreElements()) {
            ZipEntry entry = e.nextElement();
            String name = entry.getName();
            if (!entry.isDirectory() && name.endsWith(".npy")) {
                entries.put(name.substring(0, name.length() - 4), entry);
            }
        }
    }

    static NpzArchive open(Path file) {
        if (Files.isDirectory(file)) {
            throw new BadInputException(file + ": is a directory (expected an .npz file)");
        }
        try {
            return new NpzArchive(file, new ZipFile(ShippedFiles.resolve(file).toFile()));
        } catch (NoSuchFileException | java.io.FileNotFoundException e) {
            throw new BadInputException(file + ": file not found" + InputFolder.of(file) + " (expected an .npz file)");
        } catch (AccessDeniedException e) {
            throw new BadInputException(file + ": permission denied (expected a readable .npz file)");
        } catch (ZipException e) {
            throw new BadInputException(file + ": not an .npz file (" + whatItIs(file) + ")");
        } catch (IOException e) {
            if (!Files.exists(file)) {
                throw new BadInputException(file + ": file not found" + InputFolder.of(file) + " (expected an .npz file)");
            }
            throw new UncheckedIOException(file + ": cannot read: " + e, e);
        }
    }

    Path file() {
        return file;
    }

    /** The array names, in archive order. */
    List<String> keys() {
        return Collections.unmodifiableList(new ArrayList<>(entries.keySet()));
    }

    boolean has(String key) {
        return entries.containsKey(key);
    }

    /** The array stored under {@code key}. */
    NpyArray read(String key) {
        ZipEntry entry = entries.get(key);
        if (entry == null) {
            throw new BadInputException(file + ": no array '" + key + "' (keys: " + String.join(", ", keys()) + ")");
        }
        try (InputStream in = zip.getInputStream(entry)) {
            return NpyArray.parse(readBounded(in, entry));
        } catch (IllegalArgumentException e) {
            throw new BadInputException(file + ": array '" + key + "': " + e.getMessage());
        } catch (ZipException | java.io.EOFException e) {
            throw new BadInputException(file + ": array '" + key + "' is corrupt (" + e.getMessage() + ")");
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read array '" + key + "': " + e, e);
        }
    }

    /**
     * The entry's bytes, read no further than its {@code .npy} header allows: the header is read first and its
     * shape × itemsize must be within {@link #MAX_ARRAY_BYTES}; then exactly that many data bytes are read and the
     * entry must end there. So an entry that inflates far beyond what its header says (a zip bomb) is refused
     * after at most the header's size, and memory stays bounded by the limit.
     */
    private static byte[] readBounded(InputStream in, ZipEntry entry) throws IOException {
        byte[] prefix = NpyHeader.readPrefix(in);
        NpyHeader header = NpyHeader.parse(prefix);
        if (header.dataBytes() > MAX_ARRAY_BYTES) {
            throw new IllegalArgumentException("header shape " + java.util.Arrays.toString(header.shape()) + " of "
                    + header.dtype().numpyName() + " is " + header.dataBytes() + " bytes, more than the limit of "
                    + MAX_ARRAY_BYTES + " (-D" + LIMIT_PROPERTY + "=BYTES raises it)");
        }
        long total = prefix.length + header.dataBytes();
        if (total > Integer.MAX_VALUE - 16L) {
            throw new IllegalArgumentException("array of shape " + java.util.Arrays.toString(header.shape())
                    + " is too large (2 GB at most)");
        }
        if (entry.getSize() >= 0 && entry.getSize() != total) {     // the zip's own size record disagrees
            throw new IllegalArgumentException("data of " + (entry.getSize() - prefix.length) + " bytes, expected "
                    + header.dataBytes() + " for " + header.dtype().numpyName() + " of shape "
                    + java.util.Arrays.toString(header.shape()));
        }
        byte[] bytes = java.util.Arrays.copyOf(prefix, (int) total);
        int n = in.readNBytes(bytes, prefix.length, (int) header.dataBytes());
        if (n < header.dataBytes()) {
            throw new IllegalArgumentException("data of " + n + " bytes, expected " + header.dataBytes() + " for "
                    + header.dtype().numpyName() + " of shape " + java.util.Arrays.toString(header.shape()));
        }
        if (in.read() != -1) {
            throw new IllegalArgumentException("more data than its header's shape "
                    + java.util.Arrays.toString(header.shape()) + " of " + header.dtype().numpyName() + " holds");
        }
        return bytes;
    }

    @Override
    public void close() {
        try {
            zip.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String whatItIs(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(6);
            if (head.length == 0) {
                return "the file is empty";
            }
            if (head.length == 6 && head[0] == (byte) 0x93 && new String(head, 1, 5).equals("NUMPY")) {
                return "it is a single .npy array; expected a zip archive as np.savez writes";
            }
        } catch (IOException ignored) {
            // fall through to the generic reason
        }
        return "expected a zip archive as np.savez or np.savez_compressed writes";
    }
}
