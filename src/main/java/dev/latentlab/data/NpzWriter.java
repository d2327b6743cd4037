package dev.latentlab.data;

import dev.latentlab.store.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes {@code .npz} files that {@code np.load} reads: one {@code <key>.npy} entry per array, stored (as
 * {@code np.savez}) or deflated (as {@code np.savez_compressed}). The file is replaced atomically.
 *
 * <pre>{@code NpzWriter.writeImages(Path.of("held_out.npz"), images, NpzWriter.Compression.DEFLATED);}</pre>
 */
public final class NpzWriter {
    /** How the entries are stored. */
    public enum Compression { STORED, DEFLATED }

    /** Array name of the images written by {@link #writeImages}. */
    public static final String IMAGES = "images";
    /** Array name of the labels written by {@link #writeImages}. */
    public static final String LABELS = "labels";

    private NpzWriter() {
    }

    /** Writes the arrays, named by the map's keys, in the map's order. */
    public static void write(Path file, Map<String, NpyArray> arrays, Compression compression) throws IOException {
        AtomicFiles.writeStream(file, out -> {
            ZipOutputStream zip = new ZipOutputStream(out);
            for (Map.Entry<String, NpyArray> e : arrays.entrySet()) {
                byte[] bytes = e.getValue().toNpyBytes();
                ZipEntry entry = new ZipEntry(e.getKey() + ".npy");
                if (compression == Compression.STORED) {
                    CRC32 crc = new CRC32();
                    crc.update(bytes);
                    entry.setMethod(ZipEntry.STORED);
                    entry.setSize(bytes.length);
                    entry.setCompressedSize(bytes.length);
                    entry.setCrc(crc.getValue());
                } else {
                    entry.setMethod(ZipEntry.DEFLATED);
                }
                zip.putNextEntry(entry);
                zip.write(bytes);
                zip.closeEntry();
            }
            zip.finish();
        });
    }

    /**
     * Writes {@code images} as uint8 {@value #IMAGES} [N,H,W] and, when the set has labels, int64
     * {@value #LABELS} [N] — the names {@link NpzReader#readImages} detects.
     */
    public static void writeImages(Path file, ImageSet images, Compression compression) throws IOException {
        Map<String, NpyArray> arrays = new LinkedHashMap<>();
        arrays.put(IMAGES, NpyArray.ofUint8(images.pixels(), images.count(), images.height(), images.width()));
        if (images.labels() != null) {
            long[] labels = new long[images.count()];
            for (int i = 0; i < labels.length; i++) {
                labels[i] = images.labels()[i];
            }
            arrays.put(LABELS, NpyArray.ofInt64(labels, images.count()));
        }
        write(file, arrays, compression);
    }
}
