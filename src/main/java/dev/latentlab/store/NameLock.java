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
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * One writer per name: an exclusive OS lock ({@link FileChannel#tryLock}) on a lock file, held until
 * {@link #close}. The kernel drops the lock when the process dies (even by {@code kill -9}), so a crash leaves
 * nothing to clean up: a stale lock file is simply locked again. The file holds the holder's pid, host and start
 * time, which a refused second writer reports.
 *
 * <p>The lock file stays after the run (a few bytes): deleting it would let a writer that opened it just before
 * the delete lock a file no longer at that path. And the holder never opens the file a second time, because
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
        channel.truncate(0);
        channel.write(ByteBuffer.wrap(holderText().getBytes(StandardCharsets.UTF_8)), 0);
        channel.force(true);
        return new NameLock(file, channel, lock);
    }

    /** The lock file. */
    public Path file() {
        return file;
    }

    /** Releases the lock (the file stays; see the class comment). */
    @Override
    public void close() throws IOException {
        try {
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
