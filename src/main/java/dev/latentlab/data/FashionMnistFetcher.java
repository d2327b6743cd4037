package dev.latentlab.data;

import dev.latentlab.BadInputException;
import dev.latentlab.store.ModelFolder;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts Fashion-MNIST (Xiao, Rasul and Vollgraf 2017; same idx format and file names as MNIST) into a folder: the
 * Debian package {@code dataset-fashion-mnist} is downloaded with {@code apt-get download} and unpacked with
 * {@code dpkg-deb -x} (no root, nothing installed), its four {@code .gz} files are decompressed and each checked
 * against the published MD5 of the uncompressed file, then moved into place; a {@value #MARKER} file records the
 * sums. Debian re-compressed the archives (other gzip headers), so the published MD5s of the {@code .gz} files do
 * not apply; those of the uncompressed files do, and match. A failed fetch leaves no new file in the folder.
 */
public final class FashionMnistFetcher extends VerifiedIdxFetcher {
    /** Where the pipelines look for Fashion-MNIST unless told otherwise. */
    public static final Path DEFAULT_DIR = Path.of("data", "fashion-mnist");
    /** The Debian package holding the files. */
    public static final String PACKAGE = "dataset-fashion-mnist";
    /** What to run to get the files. */
    public static final String FETCH_HINT = "run: java -jar target/trainer.jar data fetch fashion-mnist";
    /** Published MD5 sums of the uncompressed files (zalandoresearch/fashion-mnist, as torchvision lists them). */
    public static final Map<MnistFile, String> MD5 = Map.of(
            MnistFile.TRAIN_IMAGES, "f4a8712d7a061bf5bd6d2ca38dc4d50a",
            MnistFile.TRAIN_LABELS, "9018921c3c673c538a1fc5bad174d6f9",
            MnistFile.TEST_IMAGES, "8181f5470baa50b63fa0f6fddb340f0a",
            MnistFile.TEST_LABELS, "15d484375f8d13e6eb1aabb0c3f46965");

    private static final Logger LOG = LoggerFactory.getLogger(FashionMnistFetcher.class);

    /** Unpacks the package into a folder and returns the folder holding the four {@code .gz} files. */
    public interface Source {
        Path unpack(Path work) throws IOException;
    }

    private final Source source;

    /** From Debian's package, checked against {@link #MD5}. */
    public FashionMnistFetcher() {
        this(FashionMnistFetcher::fromDebian, MD5);
    }

    /** From another source (tests), checked against {@code md5}. */
    public FashionMnistFetcher(Source source, Map<MnistFile, String> md5) {
        super("Fashion-MNIST", md5);
        this.source = source;
    }

    /** Downloads, unpacks, decompresses and checks the four files, then moves them into {@code dir}. */
    @Override
    public void fetch(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path work = Files.createTempDirectory(dir, ".fetch-");
        try {
            Path gzDir = source.unpack(work);
            Map<MnistFile, Path> staged = new EnumMap<>(MnistFile.class);
            Map<MnistFile, String> sums = new EnumMap<>(MnistFile.class);
            for (MnistFile f : MnistFile.values()) {
                Path gz = gzDir.resolve(f.fileName() + ".gz");
                if (!Files.isRegularFile(gz)) {
                    throw new IOException(PACKAGE + ": " + gz.getFileName() + " missing from the package");
                }
                Path out = work.resolve(f.fileName());
                String sum = gunzip(gz, out);
                if (!sum.equals(md5.get(f))) {
                    throw new IOException(f.fileName() + ": MD5 " + sum + ", expected the published " + md5.get(f));
                }
                staged.put(f, out);
                sums.put(f, sum);
                LOG.info("{}: MD5 {} ok", f.fileName(), sum);
            }
            VerifiedMarker.install(dir, staged, sums);
        } finally {
            ModelFolder.deleteTree(work);
        }
    }

    /** {@code apt-get download dataset-fashion-mnist} then {@code dpkg-deb -x} in {@code work}. */
    static Path fromDebian(Path dir) throws IOException {
        Path work = dir.toAbsolutePath();
        run(work, "apt-get", "download", PACKAGE);
        Path deb;
        try (Stream<Path> s = Files.list(work)) {
            deb = s.filter(p -> p.getFileName().toString().endsWith(".deb")).findFirst()
                    .orElseThrow(() -> new IOException("apt-get download " + PACKAGE + " left no .deb"));
        }
        Path root = work.resolve("root");
        run(work, "dpkg-deb", "-x", deb.toString(), root.toString());
        return root.resolve("usr/share/datasets/fashion-mnist");
    }

    private static void run(Path work, String... command) throws IOException {
        Process p;
        try {
            p = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new BadInputException("data fetch fashion-mnist needs " + command[0] + " (Debian/Ubuntu): "
                    + e.getMessage());
        }
        String output = new String(p.getInputStream().readAllBytes());
        try {
            if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " failed: " + output.strip().replace('\n', ' '));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + String.join(" ", command));
        }
    }

    private static String gunzip(Path gz, Path out) throws IOException {
        MessageDigest digest = md5Digest();
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gz), 1 << 16);
             OutputStream o = new DigestOutputStream(Files.newOutputStream(out), digest)) {
            in.transferTo(o);
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
