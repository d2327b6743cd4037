package dev.latentlab.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the MNIST and Fashion-MNIST fetchers share: the four idx files are trusted only against known MD5 sums, and
 * {@link #ensure} uses a folder whose {@value #MARKER} marker holds, adopts files already there when
 * their sums match (a copy made by hand), and fetches otherwise. Subclasses say where the files come from.
 */
public abstract class VerifiedIdxFetcher {
    /** The name of the marker written beside the files after the MD5 check. */
    public static final String MARKER = VerifiedMarker.NAME;
    private static final Logger LOG = LoggerFactory.getLogger(VerifiedIdxFetcher.class);
    private static final Pattern MD5_HEX = Pattern.compile("[0-9a-f]{32}");

    private final String dataset;
    /** The expected MD5 of each uncompressed file, lowercase hex. */
    protected final Map<MnistFile, String> md5;

    /** {@code md5}: one sum per file, 32 lowercase hex digits (refused otherwise). */
    protected VerifiedIdxFetcher(String dataset, Map<MnistFile, String> md5) {
        this.dataset = dataset;
        this.md5 = new EnumMap<>(MnistFile.class);
        for (MnistFile f : MnistFile.values()) {
            String sum = md5.get(f);
            if (sum == null || !MD5_HEX.matcher(sum).matches()) {
                throw new IllegalArgumentException("MD5 of " + f.fileName() + " must be 32 lowercase hex digits: " + sum);
            }
            this.md5.put(f, sum);
        }
    }

    /**
     * Makes sure {@code dir} holds the four files with the expected sums: does nothing when the marker says so,
     * writes the marker when files already there pass the MD5 check, and fetches otherwise.
     *
     * @return true when it fetched the files
     */
    public boolean ensure(Path dir) throws IOException {
        if (isVerified(dir)) {
            LOG.info("{} files in {} are present and verified", dataset, dir);
            return false;
        }
        if (adoptInPlace(dir)) {
            return false;
        }
        LOG.info("{} is not in {}: downloading it there (once; `data fetch` does only this)", dataset, dir);
        fetch(dir);
        return true;
    }

    /**
     * True when {@code dir} has a marker naming the expected MD5 of each file and each file has the size the
     * marker records. Reads no file contents.
     */
    public boolean isVerified(Path dir) {
        return VerifiedMarker.holds(dir, md5);
    }

    /** Gets, checks and installs the four files in {@code dir}; on any failure nothing new is left there. */
    public abstract void fetch(Path dir) throws IOException;

    /** Checks files already in {@code dir} (from an earlier fetch or copied by hand); writes the marker if sound. */
    private boolean adoptInPlace(Path dir) throws IOException {
        Map<MnistFile, String> sums = new EnumMap<>(MnistFile.class);
        for (MnistFile f : MnistFile.values()) {
            Path file = dir.resolve(f.fileName());
            if (!Files.isRegularFile(file)) {
                return false;
            }
            String sum = md5Of(file);
            if (!sum.equals(md5.get(f))) {
                LOG.warn("{}: MD5 {} differs from the expected {}; fetching again", file, sum, md5.get(f));
                return false;
            }
            sums.put(f, sum);
        }
        VerifiedMarker.write(dir, sums);
        LOG.info("{} files in {} verified (MD5)", dataset, dir);
        return true;
    }

    private static String md5Of(Path file) throws IOException {
        MessageDigest digest = md5Digest();
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buffer)) != -1) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** A fresh MD5 digest. */
    static MessageDigest md5Digest() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is a required JDK algorithm", e);
        }
    }
}
