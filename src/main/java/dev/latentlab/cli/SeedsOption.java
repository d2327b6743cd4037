package dev.latentlab.cli;

import dev.latentlab.sweep.SweepPipeline;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The {@code --seeds 1,2,3} option of a run and of a sweep, and the across-seeds table it leads to. */
final class SeedsOption {
    @Option(names = "--seeds", split = ",", paramLabel = "SEED",
            description = "Run once per seed (e.g. 1,2,3), as a sweep over the config's seed (a sweep runs every "
                    + "candidate once per seed; a plain run takes vae_gmm and latent_gmm configs): summary.json and "
                    + "the printed table give mean ± sd across seeds of the objective and of every summary metric.")
    private List<Long> seeds = new ArrayList<>();

    /** The seeds given, in order; empty without the option. */
    List<Long> values() {
        return List.copyOf(seeds);
    }

    boolean isEmpty() {
        return seeds.isEmpty();
    }

    /** Prints the across-seeds table of a sweep folder, when the sweep had a seed parameter. */
    static void printTable(Path sweepFolder) throws IOException {
        Path table = sweepFolder.resolve(SweepPipeline.SEEDS_FILE);
        if (Files.isRegularFile(table)) {
            System.out.print(Files.readString(table));
        }
    }
}
