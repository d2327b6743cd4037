package dev.latentlab.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path dir;

    @Test
    void writesBytesTextAndStreamsAndLeavesNoTempFiles() throws IOException {
        AtomicFiles.write(dir.resolve("a.bin"), new byte[] {1, 2, 3});
        AtomicFiles.writeString(dir.resolve("b.txt"), "héllo\n");
        AtomicFiles.writeText(dir.resolve("c.txt"), w -> w.write("via writer"));
        AtomicFiles.writeStream(dir.resolve("d.bin"), out -> {
            out.write(7);
            out.close(); // a callback closing the stream must not break the write
        });

        assertThat(Files.readAllBytes(dir.resolve("a.bin"))).containsExactly(1, 2, 3);
        assertThat(Files.readString(dir.resolve("b.txt"), StandardCharsets.UTF_8)).isEqualTo("héllo\n");
        assertThat(Files.readString(dir.resolve("c.txt"))).isEqualTo("via writer");
        assertThat(Files.readAllBytes(dir.resolve("d.bin"))).containsExactly(7);
        assertThat(names()).containsExactlyInAnyOrder("a.bin", "b.txt", "c.txt", "d.bin");
    }

    @Test
    void writtenFilesAreReadableByOthersLikeOrdinaryFiles() throws IOException {
        Path ordinary = Files.createFile(dir.resolve("ordinary"));
        Path atomic = dir.resolve("atomic");
        AtomicFiles.writeString(atomic, "x");
        if (ordinary.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            assertThat(Files.getPosixFilePermissions(atomic)).isEqualTo(Files.getPosixFilePermissions(ordinary));
        }
    }

    @Test
    void replacesAnExistingFileAndCreatesMissingDirectories() throws IOException {
        Path file = dir.resolve("sub/dir/x.txt");
        AtomicFiles.writeString(file, "old");
        AtomicFiles.writeString(file, "new");
        assertThat(Files.readString(file)).isEqualTo("new");
    }

    @Test
    void failureKeepsOldContentAndDeletesTheTempFile() throws IOException {
        Path file = dir.resolve("keep.txt");
        AtomicFiles.writeString(file, "old content");

        assertThatThrownBy(() -> AtomicFiles.writeText(file, w -> {
            w.write("half of the new");
            w.flush();
            throw new IOException("disk on fire");
        })).isInstanceOf(IOException.class).hasMessage("disk on fire");

        assertThat(Files.readString(file)).isEqualTo("old content");
        assertThat(names()).containsExactly("keep.txt");
    }

    @Test
    void runtimeFailureAlsoCleansUp() {
        assertThatThrownBy(() -> AtomicFiles.writeStream(dir.resolve("new.bin"), out -> {
            throw new IllegalStateException("boom");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(names()).isEmpty();
    }

    private java.util.List<String> names() {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
