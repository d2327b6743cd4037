package dev.latentlab.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading a range of digits equals the same digits of the whole file, plain or gzip. */
class IdxImageRangeTest {
    @TempDir
    Path tmp;

    @Test
    void rangeOfGzipAndPlainFileEqualsThoseDigitsOfTheWholeFile() throws IOException {
        Path gz = MnistFixtures.dir().resolve("train-images-idx3-ubyte.gz");
        Path plain = tmp.resolve("train-images-idx3-ubyte");
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
            Files.write(plain, in.readAllBytes());
        }
        ImageSet all = IdxReader.readImages(plain, null);
        for (Path file : new Path[] {gz, plain}) {
            assertThat(IdxImageRange.shape(file)).containsExactly(MnistFixtures.TRAIN_COUNT, 28, 28);
            ImageSet range = IdxImageRange.read(file, 37, 120);
            assertThat(range.count()).isEqualTo(83);
            assertThat(range.pixels()).isEqualTo(Arrays.copyOfRange(all.pixels(), 37 * 784, 120 * 784));
            assertThat(IdxImageRange.read(file, 299, 300).pixels()).isEqualTo(Arrays.copyOfRange(all.pixels(), 299 * 784, 300 * 784));
        }
        assertThatThrownBy(() -> IdxImageRange.read(plain, 10, 301)).isInstanceOf(IOException.class)
                .hasMessageContaining("outside the file's 300");
    }
}
