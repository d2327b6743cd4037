package dev.latentlab.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latentlab.BadInputException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NameLockTest {
    @TempDir
    Path tmp;

    @Test
    void aSecondHolderIsRefusedWithThePidHostAndStartOfTheFirst() throws Exception {
        Path file = tmp.resolve("models/x.lock");
        try (NameLock first = NameLock.acquire(file, "model x")) {
            assertThatThrownBy(() -> NameLock.acquire(file, "model x")).isInstanceOf(BadInputException.class)
                    .hasMessageContaining("model x is in use by another run (pid " + ProcessHandle.current().pid())
                    .hasMessageContaining("started ").hasMessageContaining(file.toString());
            assertThat(Files.readString(file)).startsWith("pid " + ProcessHandle.current().pid() + " on ");
        }
        assertThat(file).as("removed when the run ends").doesNotExist();
        try (NameLock again = NameLock.acquire(file, "model x")) {
            assertThat(again.file()).exists();
        }
    }

    @Test
    void aDescriptorOfAFileDeletedFromThePathIsNotTheLockAtThePath() throws Exception {
        // the race the holder's delete opens: a writer opened the old file, the holder deleted it and a third
        // writer made a new one; the first must see that what it would lock is not the file at the path
        Path file = tmp.resolve("y.lock");
        Files.writeString(file, "old");
        try (FileChannel old = FileChannel.open(file, StandardOpenOption.READ)) {
            assertThat(NameLock.lockedFileIsAt(file)).isTrue();
            Files.delete(file);
            assertThat(NameLock.lockedFileIsAt(file)).isFalse();
            Files.writeString(file, "new");
            assertThat(NameLock.lockedFileIsAt(file)).isFalse();
            try (FileChannel current = FileChannel.open(file, StandardOpenOption.READ)) {
                assertThat(NameLock.lockedFileIsAt(file)).isTrue();
            }
        }
    }

    @Test
    void aStaleLockFileOfADeadProcessIsTakenOver() throws Exception {
        Path file = tmp.resolve("x.lock");
        Files.writeString(file, "pid 999999 on elsewhere, started long ago\nsome-token\n");
        try (NameLock lock = NameLock.acquire(file, "model x")) {
            assertThat(lock.file()).isEqualTo(file);
            assertThat(Files.readString(file)).startsWith("pid " + ProcessHandle.current().pid());
        }
    }
}
