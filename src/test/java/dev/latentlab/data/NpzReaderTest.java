package dev.latentlab.data;

import static dev.latentlab.data.NpyBytes.bytes;
import static dev.latentlab.data.NpyBytes.doubles;
import static dev.latentlab.data.NpyBytes.floats;
import static dev.latentlab.data.NpyBytes.ints;
import static dev.latentlab.data.NpyBytes.npy;
import static dev.latentlab.data.NpyBytes.npz;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latentlab.BadInputException;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpzReaderTest {
    @TempDir
    Path tmp;

    // --- files written by numpy (src/test/resources/npz/make_fixtures.py) ---

    @Test
    void readsNumpySavezUint8WithXTrainKeys() {
        ImageSet set = NpzReader.readImages(fixture("savez_uint8_x_train.npz"), null, null);

        assertThat(set.count()).isEqualTo(5);
        assertThat(set.height()).isEqualTo(28);
        assertThat(set.width()).isEqualTo(28);
        assertThat(set.labels()).containsExactly(1, 4, 8, 4, 1);
        assertPattern(set);
    }

    @Test
    void readsNumpySavezCompressedFloat32FlatImages() {
        ImageSet set = NpzReader.readImages(fixture("savez_compressed_float32_784.npz"), null, null);

        assertThat(set.count()).isEqualTo(6);
        assertThat(set.height()).isEqualTo(28);
        assertThat(set.labels()).containsExactly(0, 1, 2, 3, 4, 5);
        assertPattern(set);
    }

    @Test
    void readsNumpySavezCompressedFloat64ChannelImagesWithDataTargetKeys() {
        ImageSet set = NpzReader.readImages(fixture("savez_compressed_float64_n1hw.npz"), null, null);

        assertThat(set.count()).isEqualTo(3);
        assertThat(set.labels()).containsExactly(7, 2, 1);
        assertPattern(set);
    }

    @Test
    void readsNumpyBigEndianFortranOrderArrays() {
        ImageSet set = NpzReader.readImages(fixture("savez_bigendian_fortran.npz"), null, null);

        assertThat(set.labels()).containsExactly(9, 8, 7, 6);
        assertPattern(set);
    }

    @Test
    void listsKeysAndReadsAllArrays() {
        Path file = fixture("savez_compressed_float64_n1hw.npz");

        assertThat(NpzReader.keys(file)).containsExactly("data", "target");
        Map<String, NpyArray> arrays = NpzReader.readArrays(file);
        assertThat(arrays.get("data").shape()).containsExactly(3, 1, 28, 28);
        assertThat(arrays.get("target").dtype()).isEqualTo(NpyDtype.INT16);
    }

    // --- hand-made archives ---

    @Test
    void readsStoredAndDeflatedArchives() {
        for (boolean deflate : new boolean[] {false, true}) {
            Map<String, byte[]> entries = new LinkedHashMap<>();
            entries.put("images", npy("<i4", false, "(2, 4)", ints(ByteOrder.LITTLE_ENDIAN, 4, 0, 1, 2, 255, 9, 8, 7, 6)));
            entries.put("labels", npy("|i1", false, "(2,)", bytes(-3, 5)));
            Path file = npz(tmp.resolve("h" + deflate + ".npz"), deflate, entries);

            ImageSet set = NpzReader.readImages(file, null, null);

            assertThat(set.height()).isEqualTo(2);
            assertThat(set.width()).isEqualTo(2);
            assertThat(set.pixels()).containsExactly(bytes(0, 1, 2, 255, 9, 8, 7, 6));
            assertThat(set.labels()).containsExactly(-3, 5);
        }
    }

    @Test
    void acceptsChannelsLastAndLabelColumnsAndWholeFloatLabels() {
        Path file = npz(tmp.resolve("a.npz"), true, Map.of(
                "x", npy("|u1", false, "(1, 2, 2, 1)", bytes(1, 2, 3, 4)),
                "y", npy("<f8", false, "(1, 1)", doubles(6.0))));

        ImageSet set = NpzReader.readImages(file, null, null);

        assertThat(set.pixels()).containsExactly(bytes(1, 2, 3, 4));
        assertThat(set.labels()).containsExactly(6);
    }

    @Test
    void convertsFloatPixelsByRounding() {
        Path file = npz(tmp.resolve("f.npz"), false, Map.of(
                "images", npy("<f4", false, "(1, 4)", floats(ByteOrder.LITTLE_ENDIAN, 0f, 0.5f, 1f, 1.0000001f))));

        ImageSet set = NpzReader.readImages(file, null, null);

        assertThat(set.pixels()).containsExactly(bytes(0, 128, 255, 255));
        assertThat(set.labels()).isNull();
    }

    @Test
    void usesNamedKeysAndTheOnlyArray() {
        Path file = npz(tmp.resolve("k.npz"), false, Map.of(
                "pics", npy("|u1", false, "(1, 1, 1)", bytes(42)),
                "classes", npy("<i8", false, "(1,)", ints(ByteOrder.LITTLE_ENDIAN, 8, 3))));
        Path single = npz(tmp.resolve("s.npz"), false, Map.of("whatever", npy("|u1", false, "(1, 1, 1)", bytes(9))));

        assertThat(NpzReader.readImages(file, "pics", "classes").labels()).containsExactly(3);
        assertThat(NpzReader.readImages(single, null, null).pixels()).containsExactly(bytes(9));
    }

    @Test
    void picksThePartnerLabelsOfTheNamedImages() {
        Path file = npz(tmp.resolve("tt.npz"), false, Map.of(
                "x_train", npy("|u1", false, "(1, 1, 1)", bytes(1)),
                "y_train", npy("|u1", false, "(1,)", bytes(4)),
                "x_test", npy("|u1", false, "(2, 1, 1)", bytes(2, 3)),
                "y_test", npy("|u1", false, "(2,)", bytes(8, 1))));

        assertThat(NpzReader.readImages(file, "x_test", null).labels()).containsExactly(8, 1);
        expectBadInput(() -> NpzReader.readImages(file, null, null))
                .hasMessageContaining("several image arrays (x_train, x_test)")
                .hasMessageContaining("keys: ");
    }

    // --- bad input: one line naming the file, the key and what was expected ---

    @Test
    void rejectsFilesThatAreNotNpz() throws IOException {
        Path text = Files.writeString(tmp.resolve("t.npz"), "hello");
        Path empty = Files.write(tmp.resolve("e.npz"), new byte[0]);
        Path single = Files.write(tmp.resolve("one.npy"), NpyArray.ofUint8(bytes(1), 1, 1, 1).toNpyBytes());

        expectBadInput(() -> NpzReader.readImages(text, null, null)).hasMessageContaining("t.npz: not an .npz file");
        expectBadInput(() -> NpzReader.readImages(empty, null, null)).hasMessageContaining("empty");
        expectBadInput(() -> NpzReader.readImages(single, null, null)).hasMessageContaining("single .npy array");
        expectBadInput(() -> NpzReader.readImages(tmp.resolve("nope.npz"), null, null)).hasMessageContaining("file not found");
        expectBadInput(() -> NpzReader.readImages(tmp, null, null)).hasMessageContaining("is a directory");
    }

    @Test
    void missingKeysListTheKeysThatExist() {
        Path file = npz(tmp.resolve("m.npz"), false, Map.of(
                "a", npy("|u1", false, "(1, 1, 1)", bytes(1)),
                "b", npy("|u1", false, "(1,)", bytes(1))));

        expectBadInput(() -> NpzReader.readImages(file, null, null))
                .hasMessageContaining("no image array found").hasMessageContaining("keys: ").hasMessageContaining("a").hasMessageContaining("b");
        expectBadInput(() -> NpzReader.readImages(file, "images", null))
                .hasMessageContaining("no image array 'images'");
        expectBadInput(() -> NpzReader.readImages(file, "a", "labels"))
                .hasMessageContaining("no label array 'labels'");
    }

    @Test
    void rejectsCountMismatch() {
        Path file = npz(tmp.resolve("c.npz"), false, Map.of(
                "images", npy("|u1", false, "(2, 1, 1)", bytes(1, 2)),
                "labels", npy("|u1", false, "(3,)", bytes(1, 2, 3))));

        expectBadInput(() -> NpzReader.readImages(file, null, null))
                .hasMessageContaining("hold 2 images but labels 'labels' hold 3 labels");
    }

    @Test
    void rejectsWrongShapes() {
        expectBadInput(() -> images("|u1", "(2, 5)", bytes(0, 0, 0, 0, 0, 0, 0, 0, 0, 0)))
                .hasMessageContaining("not a square number");
        expectBadInput(() -> images("|u1", "(4,)", bytes(0, 0, 0, 0))).hasMessageContaining("expected [N,H,W], [N,H,W,C], [N,C,H,W] or [N,H*W]");
        expectBadInput(() -> images("|u1", "(1, 2, 1, 2)", bytes(0, 0, 0, 0))).hasMessageContaining("shape [1,2,1,2]");
        Path file = npz(tmp.resolve("l.npz"), false, Map.of(
                "images", npy("|u1", false, "(2, 1, 1)", bytes(1, 2)),
                "labels", npy("|u1", false, "(2, 2)", bytes(1, 2, 3, 4))));
        expectBadInput(() -> NpzReader.readImages(file, null, null)).hasMessageContaining("labels of shape [2,2], expected [N] or [N,1]");
    }

    @Test
    void clipsNoisyFloatPixelsWithScaleNoneAndRefusesThemWithAuto() {
        byte[] noisy = floats(ByteOrder.LITTLE_ENDIAN, -0.46f, 0.5f, 1.39f);
        expectBadInput(() -> images("<f4", "(1, 1, 3)", noisy)).hasMessageContaining("--scale: none clips to [0,1]");
        ImageSet set = NpzReader.readImages(npz(tmp.resolve("i.npz"), false, Map.of("images", npy("<f4", false,
                "(1, 1, 3)", noisy))), null, null, ImageFormat.ofConfig(ImageLayout.AUTO, PixelScale.NONE));
        assertThat(set.pixels()).containsExactly(new byte[] {0, (byte) 128, (byte) 255});
    }

    @Test
    void rejectsNanInfinityAndOutOfRangeValues() {
        expectBadInput(() -> images("<f4", "(1, 2, 2)", floats(ByteOrder.LITTLE_ENDIAN, 0, 0, 0, Float.NaN)))
                .hasMessageContaining("NaN at image 0, pixel 3");
        expectBadInput(() -> images("<f8", "(1, 1, 1)", doubles(Double.POSITIVE_INFINITY))).hasMessageContaining("Infinity");
        expectBadInput(() -> images("<f4", "(1, 1, 2)", floats(ByteOrder.LITTLE_ENDIAN, 0, 255)))
                .hasMessageContaining("expected [0,1]").hasMessageContaining("divide by 255");
        expectBadInput(() -> images("<f4", "(1, 1, 1)", floats(ByteOrder.LITTLE_ENDIAN, -1.5f))).hasMessageContaining("expected [0,1]");
        expectBadInput(() -> images("<i2", "(1, 1, 2)", ints(ByteOrder.LITTLE_ENDIAN, 2, 7, 300)))
                .hasMessageContaining("pixel value 300 at image 0, pixel 1 is out of range (expected 0..255 for int16 images with --scale auto");
        expectBadInput(() -> images("|i1", "(1, 1, 1)", bytes(-1))).hasMessageContaining("pixel value -1");
        expectBadInput(() -> images("|b1", "(1, 1, 1)", bytes(1))).hasMessageContaining("bool images");
        expectBadInput(() -> labels("<f4", floats(ByteOrder.LITTLE_ENDIAN, 1.5f))).hasMessageContaining("not a whole number");
        expectBadInput(() -> labels("<f8", doubles(Double.NaN))).hasMessageContaining("not a whole number");
        expectBadInput(() -> labels("<i8", ints(ByteOrder.LITTLE_ENDIAN, 8, 1L << 40))).hasMessageContaining("out of range");
        expectBadInput(() -> labels("<u8", ints(ByteOrder.LITTLE_ENDIAN, 8, -1L))).hasMessageContaining("out of range");
    }

    @Test
    void rejectsUnsupportedDtypesAndCorruptEntries() {
        expectBadInput(() -> images("<f2", "(1, 1, 1)", bytes(0, 0)))
                .hasMessageContaining("images': dtype '<f2' is not supported");
        expectBadInput(() -> images("<f4", "(1, 1, 2)", new byte[4])).hasMessageContaining("data of 4 bytes, expected 8");
    }

    @Test
    void errorsAreOneLine() {
        Path file = npz(tmp.resolve("m.npz"), false, Map.of("q", npy("|u1", false, "(1,)", bytes(1)), "r", npy("|u1", false, "(1,)", bytes(1))));
        assertThatThrownBy(() -> NpzReader.readImages(file, null, null))
                .isInstanceOf(BadInputException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n").startsWith(file.toString()));
    }

    private ImageSet images(String descr, String shape, byte[] data) {
        return NpzReader.readImages(npz(tmp.resolve("i.npz"), false, Map.of("images", npy(descr, false, shape, data))), null, null);
    }

    private ImageSet labels(String descr, byte[] data) {
        return NpzReader.readImages(npz(tmp.resolve("lb.npz"), false, Map.of(
                "images", npy("|u1", false, "(1, 1, 1)", bytes(0)),
                "labels", npy(descr, false, "(1,)", data))), null, null);
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> expectBadInput(
            org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        return assertThatThrownBy(call).isInstanceOf(BadInputException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    /** Image i, pixel p holds (3p + 17i) % 256, as make_fixtures.py writes it. */
    private static void assertPattern(ImageSet set) {
        byte[] expected = new byte[set.count() * 784];
        for (int i = 0; i < set.count(); i++) {
            for (int p = 0; p < 784; p++) {
                expected[i * 784 + p] = (byte) ((3 * p + 17 * i) % 256);
            }
        }
        assertThat(set.pixels()).isEqualTo(expected);
    }

    static Path fixture(String name) {
        try {
            return Path.of(NpzReaderTest.class.getResource("/npz/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
