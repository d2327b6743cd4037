package dev.latentlab.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latentlab.BadInputException;
import java.nio.file.Files;
import java.nio.file.Path;
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
        }
        assertThat(Files.readString(file)).startsWith("pid " + ProcessHandle.current().pid() + " on ");
        try (NameLock again = NameLock.acquire(file, "model x")) {
            assertThat(again.file()).exists();
        }
    }

    @Test
    void aStaleLockFileOfADeadProcessIsTakenOver() throws Exception {
        Path file = tmp.resolve("x.lock");
        Files.writeString(file, "pid 999999 on elsewhere, started long ago\nsome-token\n");
        try (NameLock lock = NameLock.acquire(file, "model x")) {
            assertThat(lock.file()).isEqualTo(file);
        }
        assertThat(Files.readString(file)).startsWith("pid " + ProcessHandle.current().pid());
    }
}
