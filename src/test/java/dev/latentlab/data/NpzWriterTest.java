package dev.latentlab.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpzWriterTest {
    @TempDir
    Path tmp;

    @Test
    void imagesRoundTripStoredAndDeflated() throws IOException {
        byte[] pixels = new byte[3 * 28 * 28];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) (i * 7);
        }
        ImageSet set = new ImageSet(3, 28, 28, pixels, new int[] {1, 4, 8});
        for (NpzWriter.Compression c : NpzWriter.Compression.values()) {
            Path file = tmp.resolve(c + ".npz");

            NpzWriter.writeImages(file, set, c);

            ImageSet back = NpzReader.readImages(file, null, null);
            assertThat(back.pixels()).isEqualTo(pixels);
            assertThat(back.labels()).containsExactly(1, 4, 8);
            assertThat(back.height()).isEqualTo(28);
            Map<String, NpyArray> arrays = NpzReader.readArrays(file);
            assertThat(arrays.get("images").describe()).isEqualTo("uint8 [3, 28, 28]");
            assertThat(arrays.get("labels").describe()).isEqualTo("int64 [3]");
            try (ZipFile zip = new ZipFile(file.toFile())) {
                int method = c == NpzWriter.Compression.STORED ? ZipEntry.STORED : ZipEntry.DEFLATED;
                assertThat(zip.getEntry("images.npy").getMethod()).isEqualTo(method);
            }
        }
        assertThat(Files.size(tmp.resolve("DEFLATED.npz"))).isLessThan(Files.size(tmp.resolve("STORED.npz")));
    }

    @Test
    void unlabelledSetsHaveNoLabelArray() throws IOException {
        Path file = tmp.resolve("u.npz");

        NpzWriter.writeImages(file, new ImageSet(1, 2, 2, new byte[4], null), NpzWriter.Compression.STORED);

        assertThat(NpzReader.keys(file)).containsExactly("images");
    }

    @Test
    void writesArraysInOrderAndReplacesTheFile() throws IOException {
        Path file = tmp.resolve("a.npz");
        Files.writeString(file, "old");
        Map<String, NpyArray> arrays = new LinkedHashMap<>();
        arrays.put("z", NpyArray.ofFloat64(new double[] {1, 2}, 2));
        arrays.put("a", NpyArray.ofInt64(new long[] {3}, 1));

        NpzWriter.write(file, arrays, NpzWriter.Compression.DEFLATED);

        assertThat(NpzReader.keys(file)).containsExactly("z", "a");
        assertThat(NpzReader.readArrays(file).get("z").toDoubleArray()).containsExactly(1, 2);
        try (var files = Files.list(tmp)) {
            assertThat(files).containsExactly(file);
        }
    }
}
