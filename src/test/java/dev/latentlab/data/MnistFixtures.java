package dev.latentlab.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The MNIST slice in src/test/resources/mnist (first 300 train and 200 t10k digits, gzip idx files, see its
 * README) and small helpers to copy, decompress and write idx files for tests.
 */
public final class MnistFixtures {
    /** MD5 of each decompressed fixture file. */
    public static final Map<MnistFile, String> MD5 = Map.of(
            MnistFile.TRAIN_IMAGES, "921fee6a543d4fbb4cd9420f7402c84d",
            MnistFile.TRAIN_LABELS, "55589c6d8ff51090047f9af9d77cd9bd",
            MnistFile.TEST_IMAGES, "266a9bdf4b4e2aeb7ded1614db472759",
            MnistFile.TEST_LABELS, "3cb25f31bec8c02fadf87638675b2a07");
    public static final int TRAIN_COUNT = 300;
    public static final int TEST_COUNT = 200;

    private MnistFixtures() {
    }

    /** The directory holding the four fixture files under their standard .gz names. */
    public static Path dir() {
        URL url = MnistFixtures.class.getResource("/mnist/train-images-idx3-ubyte.gz");
        try {
            return Path.of(url.toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The gzip fixture of {@code file}. */
    public static Path gz(MnistFile file) {
        return dir().resolve(file.fileName() + ".gz");
    }

    /** The uncompressed content of {@code file}'s fixture. */
    public static byte[] bytes(MnistFile file) {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gz(file)))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code file}'s fixture into {@code dir} as {@code name}, gzip-compressed or not. */
    public static Path copy(MnistFile file, Path dir, String name, boolean gzip) throws IOException {
        Path target = dir.resolve(name);
        if (gzip) {
            Files.copy(gz(file), target);
        } else {
            Files.write(target, bytes(file));
        }
        return target;
    }

    /** Writes all four fixtures into {@code dir}, uncompressed, under their canonical names. */
    public static void copyAllPlain(Path dir) throws IOException {
        for (MnistFile f : MnistFile.values()) {
            copy(f, dir, f.fileName(), false);
        }
    }

    /** {@code data} gzip-compressed. */
    public static byte[] gzip(byte[] data) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(buffer)) {
            out.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buffer.toByteArray();
    }

    /** The names of the files in {@code dir}, sorted; empty when there is no such folder. */
    public static List<String> fileNames(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
