package dev.latentlab.task.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A candidate's leftovers are found and cleared by its exact name, never another candidate's. */
class CandidateFoldersTest {
    @TempDir
    Path tmp;

    @Test
    void clearsOnlyTheNamedCandidatesRunFoldersAndModelFiles() throws IOException {
        Path runs = tmp.resolve("candidates");
        Path models = tmp.resolve("models");
        for (String d : new String[] {"20260101-000000-s-c100", "20260101-000001-s-c100-2", "20260101-000000-s-c1000",
                "20260101-000000-s-c10", "notarun-s-c100"}) {
            Files.createDirectories(runs.resolve(d)).resolve("run.log").toFile().createNewFile();
        }
        for (String m : new String[] {"s-c100", "s-c100.lock", "s-c100.checkpoint", ".s-c100.new-7", ".s-c100.old-7",
                "s-c1000", "s-c1000.lock", ".s-c1000.new-7"}) {
            Files.createDirectories(models.resolve(m));
        }
        assertThat(CandidateFolders.runFolders(runs, "s-c100")).extracting(p -> p.getFileName().toString())
                .containsExactly("20260101-000000-s-c100", "20260101-000001-s-c100-2");
        assertThat(CandidateFolders.newest(runs, "s-c100")).hasValue(runs.resolve("20260101-000001-s-c100-2"));

        CandidateFolders.clear(runs, models, "s-c100");
        try (Stream<Path> left = Files.list(runs)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("20260101-000000-s-c1000",
                    "20260101-000000-s-c10", "notarun-s-c100");
        }
        try (Stream<Path> left = Files.list(models)) {
            assertThat(left.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("s-c1000", "s-c1000.lock", ".s-c1000.new-7");
        }
        assertThat(CandidateFolders.newest(runs, "s-c100")).isEmpty();
        CandidateFolders.clear(tmp.resolve("none"), tmp.resolve("none"), "s-c100"); // nothing there: no error
    }
}
