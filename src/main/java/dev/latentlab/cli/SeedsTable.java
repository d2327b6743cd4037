package dev.latentlab.cli;

import dev.latentlab.task.sweep.SweepPipeline;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The across-seeds table that {@code --seeds} (of a run or of a sweep) leads to, printed after the sweep. */
final class SeedsTable {
    private SeedsTable() {
    }

    /** Prints the across-seeds table of a sweep folder, when the sweep had a seed parameter. */
    static void print(Path sweepFolder) throws IOException {
        Path table = sweepFolder.resolve(SweepPipeline.SEEDS_FILE);
        if (Files.isRegularFile(table)) {
            System.out.print(Files.readString(table));
        }
    }
}
