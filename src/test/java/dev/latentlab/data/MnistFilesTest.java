package dev.latentlab.data;

import static dev.latentlab.data.IdxReaderTest.assertBadInput;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MnistFilesTest {
    @TempDir
    Path tmp;

    @Test
    void readsTrainAndTestFromTheStandardGzipNames() {
        ImageSet train = MnistFiles.train(MnistFixtures.dir());
        ImageSet test = MnistFiles.test(MnistFixtures.dir());

        assertThat(train.count()).isEqualTo(MnistFixtures.TRAIN_COUNT);
        assertThat(train.labels()).startsWith(5, 0, 4, 1, 9);
        assertThat(test.count()).isEqualTo(MnistFixtures.TEST_COUNT);
        assertThat(test.labels()).startsWith(7, 2, 1, 0, 4);
        assertThat(test.height()).isEqualTo(28);
        assertThat(test.width()).isEqualTo(28);
    }

    @ParameterizedTest(name = "{0}images{1}-ubyte{2}")
    @CsvSource({"'-', '', false", "'.', '', false", "'-', .gz, true", "'.', .gz, true"})
    void acceptsBothNameStylesWithOrWithoutGz(String separator, String suffix, boolean gzip) throws IOException {
        for (MnistFile f : MnistFile.values()) {
            String name = f.fileName().replace("-idx", separator + "idx") + suffix;
            MnistFixtures.copy(f, tmp, name, gzip);
        }

        ImageSet train = MnistFiles.train(tmp);
        ImageSet test = MnistFiles.test(tmp);

        ImageSet reference = MnistFiles.train(MnistFixtures.dir());
        assertThat(train.pixels()).isEqualTo(reference.pixels());
        assertThat(train.labels()).isEqualTo(reference.labels());
        assertThat(test.count()).isEqualTo(MnistFixtures.TEST_COUNT);
    }

    @Test
    void prefersTheUncompressedFile() throws IOException {
        Path plain = MnistFixtures.copy(MnistFile.TEST_IMAGES, tmp, "t10k-images-idx3-ubyte", false);
        MnistFixtures.copy(MnistFile.TEST_IMAGES, tmp, "t10k-images-idx3-ubyte.gz", true);
        MnistFixtures.copy(MnistFile.TEST_IMAGES, tmp, "t10k-images.idx3-ubyte", false);

        assertThat(MnistFiles.find(tmp, MnistFile.TEST_IMAGES)).contains(plain);
        assertThat(MnistFiles.find(tmp, MnistFile.TEST_LABELS)).isEmpty();
    }

    @Test
    void namesTheMissingFileAndTheFix() throws IOException {
        MnistFixtures.copy(MnistFile.TRAIN_IMAGES, tmp, "train-images-idx3-ubyte.gz", true);

        assertBadInput(() -> MnistFiles.train(tmp), tmp + ": missing MNIST file train-labels-idx1-ubyte or "
                + "train-labels.idx1-ubyte (optionally .gz); run: java -jar target/trainer.jar data fetch mnist");
        assertBadInput(() -> MnistFiles.test(tmp), tmp + ": missing MNIST files t10k-images-idx3-ubyte or "
                + "t10k-images.idx3-ubyte, t10k-labels-idx1-ubyte or t10k-labels.idx1-ubyte (each optionally .gz); "
                + "run: java -jar target/trainer.jar data fetch mnist");
    }

    @Test
    void namesAMissingDirectoryAndTheFix() {
        Path dir = tmp.resolve("data/mnist");
        assertBadInput(() -> MnistFiles.train(dir), dir + ": MNIST directory not found (expected it to hold "
                + "train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte); "
                + "run: java -jar target/trainer.jar data fetch mnist");
    }

    @Test
    void reportsAMalformedFileByItsPath() throws IOException {
        MnistFixtures.copyAllPlain(tmp);
        Path labels = tmp.resolve("t10k-labels-idx1-ubyte");
        Files.write(labels, new byte[] {1, 2, 3}, StandardOpenOption.APPEND);

        assertBadInput(() -> MnistFiles.test(tmp), labels + ": trailing bytes in idx label file");
    }
}
