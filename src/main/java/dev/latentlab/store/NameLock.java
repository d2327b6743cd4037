package dev.latentlab.store;

import dev.latentlab.BadInputException;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * One writer per name: an exclusive OS lock ({@link FileChannel#tryLock}) on a lock file, held until
 * {@link #close}. The kernel drops the lock when the process dies (even by {@code kill -9}), so a crash leaves
 * nothing to clean up: a stale lock file is simply locked again. The file holds the holder's pid, host and start
 * time, which a refused second writer reports.
 *
 * <p>The holder deletes the lock file when it closes, while it still holds the lock. A writer that opened the file
 * just before that delete would then lock a file no longer at the path; so after locking, a writer checks that the
 * descriptor it locked is the file now at the path (through {@code /proc/self/fd}, which it reads without opening
 * the file) and starts over when it is not. Where {@code /proc/self/fd} does not exist, the file is left in place
 * instead (a few bytes) and the check is not needed. The holder never opens the file a second time, because
 * closing any descriptor of a file drops the process's POSIX locks on it.
 *
 * <pre>{@code try (NameLock lock = NameLock.acquire(models.resolve("vae_148.lock"), "model vae_148")) { ... }}</pre>
 */
public final class NameLock implements AutoCloseable {
    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private NameLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock at once or refuses: a {@link BadInputException} naming {@code what}, the holder's pid, host
     * and start time. The lock file's folder is created if needed.
     */
    public static NameLock acquire(Path file, String what) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        while (true) {
            NameLock lock = tryAcquire(file, what);
            if (lock != null) {
                return lock;
            }
            // the holder deleted the file between our open and our lock: lock the file now at the path
        }
    }

    /** The lock, or null when the file locked is no longer the one at {@code file} (released and closed). */
    private static NameLock tryAcquire(Path file, String what) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException sameProcess) {
            lock = null;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        if (lock == null) {
            String holder = readHolder(channel);
            channel.close();
            throw new BadInputException(what + " is in use by another run (" + holder + "; lock file " + file
                    + "): wait for it to finish or use another name");
        }
        if (FD_DIR_READABLE && !lockedFileIsAt(file)) {
            lock.release();
            channel.close();
            return null;
        }
        channel.truncate(0);
        channel.write(ByteBuffer.wrap(holderText().getBytes(StandardCharsets.UTF_8)), 0);
        channel.force(true);
        return new NameLock(file, channel, lock);
    }

    private static final Path FD_DIR = Path.of("/proc/self/fd");
    private static final boolean FD_DIR_READABLE = Files.isDirectory(FD_DIR);

    /**
     * Whether this process holds a descriptor of the file now at {@code file}: some {@code /proc/self/fd} link
     * names it and is the same inode (stat through the link; the file is not opened). A descriptor of a deleted
     * file links to {@code "<path> (deleted)"}, whose inode no longer matches.
     */
    static boolean lockedFileIsAt(Path file) throws IOException {
        Path absolute = file.toAbsolutePath().normalize();
        Object atPath;
        try {
            atPath = Files.readAttributes(absolute, "unix:ino").get("ino");
        } catch (NoSuchFileException gone) {
            return false;
        }
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(FD_DIR)) {
            for (Path fd : fds) {
                try {
                    if (Files.readSymbolicLink(fd).equals(absolute)
                            && atPath.equals(Files.readAttributes(fd, "unix:ino").get("ino"))) {
                        return true;
                    }
                } catch (IOException closedMeanwhile) {
                    // another thread's descriptor went away while we looked
                }
            }
        }
        return false;
    }

    /** The lock file. */
    public Path file() {
        return file;
    }

    /** Deletes the lock file (where the check above is possible) and releases the lock; a second call does nothing. */
    @Override
    public synchronized void close() throws IOException {
        if (!channel.isOpen()) {
            return;   // closed already (by the run's end or its interruption, whichever came first)
        }
        try {
            if (FD_DIR_READABLE) {
                Files.deleteIfExists(file);
            }
            lock.release();
        } finally {
            channel.close();
        }
    }

    private static String holderText() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "unknown host";
        }
        Instant started = Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime());
        return "pid " + ProcessHandle.current().pid() + " on " + host + ", started " + started + "\n";
    }

    private static String readHolder(FileChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(512);
        channel.read(buffer, 0);
        String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
        String first = text.lines().findFirst().orElse("").strip();
        return first.isEmpty() ? "holder not yet recorded" : first;
    }
}
