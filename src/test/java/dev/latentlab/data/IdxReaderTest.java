package dev.latentlab.data;

import static dev.latentlab.data.MnistFixtures.bytes;
import static dev.latentlab.data.MnistFixtures.gz;
import static dev.latentlab.data.MnistFixtures.gzip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latentlab.BadInputException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {
    @TempDir
    Path tmp;

    @Test
    void readsTheTrainingSlice() {
        ImageSet set = IdxReader.readImages(gz(MnistFile.TRAIN_IMAGES), gz(MnistFile.TRAIN_LABELS));

        assertThat(set.count()).isEqualTo(300);
        assertThat(set.height()).isEqualTo(28);
        assertThat(set.width()).isEqualTo(28);
        assertThat(set.pixels()).hasSize(300 * 28 * 28);
        assertThat(Arrays.copyOf(set.labels(), 8)).containsExactly(5, 0, 4, 1, 9, 2, 1, 3);
        assertThat(histogram(set.labels())).containsExactly(34, 39, 28, 34, 32, 23, 29, 29, 21, 31);
        int firstImageSum = 0;
        for (int r = 0; r < 28; r++) {
            for (int c = 0; c < 28; c++) {
                firstImageSum += set.pixel(0, r, c);
            }
        }
        assertThat(firstImageSum).isEqualTo(27525);
    }

    @Test
    void readsTheTestSlice() {
        ImageSet set = IdxReader.readImages(gz(MnistFile.TEST_IMAGES), gz(MnistFile.TEST_LABELS));

        assertThat(set.count()).isEqualTo(200);
        assertThat(Arrays.copyOf(set.labels(), 8)).containsExactly(7, 2, 1, 0, 4, 1, 4, 9);
        assertThat(histogram(set.labels())).containsExactly(17, 28, 16, 16, 28, 20, 20, 24, 10, 21);
    }

    @Test
    void imagesWithoutLabelsHaveNullLabels() {
        ImageSet set = IdxReader.readImages(gz(MnistFile.TEST_IMAGES), null);

        assertThat(set.count()).isEqualTo(200);
        assertThat(set.labels()).isNull();
    }

    @Test
    void readLabelsGivesOneValuePerItem() {
        assertThat(IdxReader.readLabels(gz(MnistFile.TEST_LABELS))).hasSize(200).startsWith(7, 2, 1, 0, 4);
    }

    @Test
    void plainAndGzipFilesReadTheSame() throws IOException {
        Path images = write("images", bytes(MnistFile.TRAIN_IMAGES));
        Path labels = write("labels", bytes(MnistFile.TRAIN_LABELS));

        ImageSet plain = IdxReader.readImages(images, labels);
        ImageSet gzipped = IdxReader.readImages(gz(MnistFile.TRAIN_IMAGES), gz(MnistFile.TRAIN_LABELS));

        assertThat(plain.pixels()).isEqualTo(gzipped.pixels());
        assertThat(plain.labels()).isEqualTo(gzipped.labels());
        assertThat(plain.pixels()).isEqualTo(Arrays.copyOfRange(bytes(MnistFile.TRAIN_IMAGES), 16, 16 + 300 * 784));
    }

    @Test
    void gzipIsRecognisedByContentNotName() throws IOException {
        Path gzipWithoutSuffix = write("train-images-idx3-ubyte", gzip(bytes(MnistFile.TRAIN_IMAGES)));
        Path plainWithSuffix = write("train-labels-idx1-ubyte.gz", bytes(MnistFile.TRAIN_LABELS));

        ImageSet set = IdxReader.readImages(gzipWithoutSuffix, plainWithSuffix);

        assertThat(set.count()).isEqualTo(300);
        assertThat(set.labels()).startsWith(5, 0, 4, 1, 9);
    }

    @Test
    void rejectsALabelFileGivenAsImages() {
        Path labels = gz(MnistFile.TRAIN_LABELS);
        assertBadInput(() -> IdxReader.readImages(labels, null), labels + ": not an idx image file "
                + "(magic 0x00000803 expected, found 0x00000801, an idx label file)");
    }

    @Test
    void rejectsAnImageFileGivenAsLabels() {
        Path images = gz(MnistFile.TRAIN_IMAGES);
        assertBadInput(() -> IdxReader.readLabels(images), images + ": not an idx label file "
                + "(magic 0x00000801 expected, found 0x00000803, an idx image file)");
    }

    @Test
    void rejectsABadMagicNumber() throws IOException {
        Path twiceGzipped = write("train-images-idx3-ubyte", gzip(gzip(bytes(MnistFile.TRAIN_IMAGES))));
        assertBadInput(() -> IdxReader.readImages(twiceGzipped, null),
                twiceGzipped + ": not an idx image file (magic 0x00000803 expected, found 0x1f8b0800)");
    }

    @Test
    void rejectsAShortHeader() throws IOException {
        Path images = write("images", Arrays.copyOf(bytes(MnistFile.TRAIN_IMAGES), 10));
        Path empty = write("empty", new byte[0]);

        assertBadInput(() -> IdxReader.readImages(images, null),
                images + ": not an idx image file (16-byte header expected, the data ends after 10 bytes)");
        assertBadInput(() -> IdxReader.readLabels(empty),
                empty + ": not an idx label file (8-byte header expected, the data ends after 0 bytes)");
    }

    @Test
    void rejectsDimensionsThatAreNotPositive() throws IOException {
        Path zeroRows = write("zero", idx(0x803, new int[] {1, 0, 28}, new byte[0]));
        Path negativeCount = write("negative", idx(0x801, new int[] {-5}, new byte[0]));

        assertBadInput(() -> IdxReader.readImages(zeroRows, null),
                zeroRows + ": bad idx image header (dimension sizes must be positive, found 1 x 0 x 28)");
        assertBadInput(() -> IdxReader.readLabels(negativeCount),
                negativeCount + ": bad idx label header (dimension sizes must be positive, found -5)");
    }

    @Test
    void rejectsAHeaderTooLargeForOneArray() throws IOException {
        Path huge = write("huge", idx(0x803, new int[] {60000, 6000, 6000}, new byte[10]));
        assertBadInput(() -> IdxReader.readImages(huge, null), huge + ": idx image file too large (60000 x 6000 x 6000");
    }

    @Test
    void rejectsATruncatedFile() throws IOException {
        byte[] full = bytes(MnistFile.TRAIN_IMAGES);
        Path plain = write("plain", Arrays.copyOf(full, full.length - 100));
        Path gzipped = write("gzipped", gzip(Arrays.copyOf(full, full.length - 100)));
        String expected = ": truncated idx image file (header says 300 x 28 x 28 = 235200 data bytes, found 235100)";

        assertBadInput(() -> IdxReader.readImages(plain, null), plain + expected);
        assertBadInput(() -> IdxReader.readImages(gzipped, null), gzipped + expected);
    }

    @Test
    void rejectsATruncatedLabelFile() throws IOException {
        byte[] full = bytes(MnistFile.TEST_LABELS);
        Path labels = write("labels", Arrays.copyOf(full, full.length - 1));
        assertBadInput(() -> IdxReader.readLabels(labels),
                labels + ": truncated idx label file (header says 200 = 200 data bytes, found 199)");
    }

    @Test
    void rejectsACutGzipStream() throws IOException {
        byte[] gz = Files.readAllBytes(gz(MnistFile.TRAIN_IMAGES));
        Path cut = write("cut.gz", Arrays.copyOf(gz, gz.length / 2));
        assertBadInput(() -> IdxReader.readImages(cut, null), cut + ": corrupt or truncated gzip data (");
    }

    @Test
    void rejectsTrailingBytes() throws IOException {
        byte[] full = bytes(MnistFile.TRAIN_IMAGES);
        Path plain = write("plain", Arrays.copyOf(full, full.length + 3));
        Path gzipped = write("gzipped", gzip(Arrays.copyOf(full, full.length + 3)));
        String expected = ": trailing bytes in idx image file (header says 300 x 28 x 28 = 235200 data bytes, found 3 more)";

        assertBadInput(() -> IdxReader.readImages(plain, null), plain + expected);
        assertBadInput(() -> IdxReader.readImages(gzipped, null), gzipped + expected);
    }

    @Test
    void rejectsDifferentImageAndLabelCounts() {
        Path images = gz(MnistFile.TRAIN_IMAGES);
        Path labels = gz(MnistFile.TEST_LABELS);
        assertBadInput(() -> IdxReader.readImages(images, labels),
                labels + ": 200 labels, but " + images + " has 300 images (expected the same count)");
    }

    @Test
    void rejectsAMissingFile() {
        Path missing = tmp.resolve("train-images-idx3-ubyte");
        Path labels = tmp.resolve("train-labels-idx1-ubyte");
        assertBadInput(() -> IdxReader.readImages(missing, null),
                missing + ": file not found (expected an idx image file)");
        assertBadInput(() -> IdxReader.readImages(gz(MnistFile.TRAIN_IMAGES), labels),
                labels + ": file not found (expected an idx label file)");
    }

    @Test
    void rejectsADirectory() {
        assertBadInput(() -> IdxReader.readLabels(tmp), tmp + ": is a directory (expected an idx label file)");
    }

    private static int[] histogram(int[] labels) {
        int[] counts = new int[10];
        for (int label : labels) {
            counts[label]++;
        }
        return counts;
    }

    private static byte[] idx(int magic, int[] dims, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + data.length).putInt(magic);
        for (int d : dims) {
            b.putInt(d);
        }
        return b.put(data).array();
    }

    private Path write(String name, byte[] content) throws IOException {
        return Files.write(tmp.resolve(name), content);
    }

    /** The call fails with a BadInputException whose message is one line starting with {@code expected}. */
    static void assertBadInput(ThrowingCallable call, String expected) {
        assertThatThrownBy(call).isInstanceOf(BadInputException.class)
                .hasMessageStartingWith(expected)
                .hasMessageNotContaining("\n");
    }
}
