package dev.latentlab.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latentlab.BadInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFolderTest {
    @TempDir
    Path tmp;

    @Test
    void commitReplacesTheWholeFolderAndLeavesNoTemporaries() throws IOException {
        Path target = tmp.resolve("m");
        Files.createDirectories(target.resolve("k16"));
        Files.writeString(target.resolve("k16/a.txt"), "old");
        try (ModelFolder folder = ModelFolder.begin(target)) {
            Files.createDirectories(folder.dir().resolve("k32"));
            Files.writeString(folder.dir().resolve("k32/a.txt"), "new");
            assertThat(target.resolve("k16/a.txt")).hasContent("old");   // untouched until the commit
            folder.commit();
        }
        assertThat(target.resolve("k16")).doesNotExist();
        assertThat(target.resolve("k32/a.txt")).hasContent("new");
        assertThat(names()).containsExactly("m");
    }

    @Test
    void closingWithoutCommitKeepsTheOldFolder() throws IOException {
        Path target = tmp.resolve("m");
        Files.createDirectories(target);
        Files.writeString(target.resolve("a.txt"), "old");
        try (ModelFolder folder = ModelFolder.begin(target)) {
            Files.writeString(folder.dir().resolve("a.txt"), "new");
        }
        assertThat(target.resolve("a.txt")).hasContent("old");
        assertThat(names()).containsExactly("m");
    }

    @Test
    void recoverPutsBackAnOldFolderLeftAsideAndDropsUnfinishedNewOnes() throws IOException {
        Path target = tmp.resolve("m");
        String id = "0123456789abcdef0123456789abcdef0123";
        Files.createDirectories(tmp.resolve(".m.old-" + id));
        Files.writeString(tmp.resolve(".m.old-" + id + "/a.txt"), "old");
        Files.createDirectories(tmp.resolve(".m.new-" + id.replace('0', '1')));
        Files.createDirectories(tmp.resolve(".mm.new-" + id));        // another model's: left alone
        ModelFolder.recover(target);
        assertThat(target.resolve("a.txt")).hasContent("old");
        assertThat(names()).containsExactlyInAnyOrder("m", ".mm.new-" + id);
    }

    @Test
    void partStampsMustMatchTheModelId() throws IOException {
        Path part = tmp.resolve("vae");
        PartStamp.write(part, "id-1");
        PartStamp.check(part, "id-1");
        assertThatThrownBy(() -> PartStamp.check(part, "id-2")).isInstanceOf(BadInputException.class)
                .hasMessageContaining("does not belong to this model").hasMessageContaining("id-1");
        assertThatThrownBy(() -> PartStamp.check(tmp.resolve("gmm"), "id-1")).isInstanceOf(BadInputException.class)
                .hasMessageContaining("model_id missing");
    }

    private java.util.List<String> names() throws IOException {
        try (Stream<Path> s = Files.list(tmp)) {
            return s.map(p -> p.getFileName().toString()).toList();
        }
    }
}
