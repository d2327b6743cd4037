package dev.latentlab.cli;

import dev.latentlab.data.MnistFetcher;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The {@code --dir DIR} option of the commands that read MNIST (data npz and the benchmarks); {@code --data}, the
 * benchmarks' old name for it, still works but is left out of the help.
 */
final class MnistDirOption {
    @Option(names = "--dir", paramLabel = "DIR",
            description = "MNIST folder (default: ${DEFAULT-VALUE}); fetched when missing.")
    private Path dir = MnistFetcher.DEFAULT_DIR;

    @Option(names = "--data", paramLabel = "DIR", hidden = true, description = "The old name of --dir.")
    private void oldName(Path dir) {
        this.dir = dir;
    }

    /** The MNIST folder. */
    Path value() {
        return dir;
    }
}
