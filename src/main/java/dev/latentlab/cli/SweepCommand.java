package dev.latentlab.cli;

import dev.latentlab.config.ConfigLoader;
import dev.latentlab.config.ConfigLocator;
import dev.latentlab.config.SweepConfig;
import dev.latentlab.sweep.SweepPipeline;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sweep}: runs a hyper-parameter sweep config ({@code task: sweep}); the same as {@code --config} on one. */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = {"Run a hyper-parameter sweep (DL4J Arbiter): every candidate is a full run of the base",
                "config with overrides; writes candidates.csv, best.yaml, plots and summary.json into one folder."})
final class SweepCommand implements Callable<Integer> {

    @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE",
            description = "Sweep config (YAML, task: sweep), e.g. configs/sweep_beta.yaml.")
    private String config;

    @Option(names = {"-s", "--set"}, paramLabel = "KEY=VALUE",
            description = "Override a sweep config value, e.g. --set search.max_candidates=3 (repeatable).")
    private List<String> overrides = new ArrayList<>();

    @Option(names = "--resume", description = "Continue the newest interrupted sweep of this name: finished "
            + "candidates are skipped, failed and unfinished ones run.")
    private boolean resume;

    @Option(names = "--seeds", split = ",", paramLabel = "SEED",
            description = "Also sweep the base config's seed over these values (e.g. 1,2,3): every candidate runs "
                    + "once per seed and summary.json reports mean ± sd across seeds of the objective and of every "
                    + "summary metric.")
    private List<Long> seeds = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        Path file = new ConfigLocator().locate(config);
        List<String> all = new ArrayList<>(overrides);
        if (!seeds.isEmpty()) {
            all.add("parameters.seed={values: " + seeds + "}");
        }
        var loaded = ConfigLoader.load(file, all);
        loaded.task(List.of(SweepConfig.TASK));
        Path folder = Tasks.run(loaded, resume);
        printSeedsTable(folder);
        System.out.println("sweep folder: " + folder);
        return ExitCode.OK;
    }

    /** Prints the across-seeds table of a sweep folder, when the sweep had a seed parameter. */
    static void printSeedsTable(Path folder) throws java.io.IOException {
        Path seedsTable = folder.resolve(SweepPipeline.SEEDS_FILE);
        if (Files.isRegularFile(seedsTable)) {
            System.out.print(Files.readString(seedsTable));
        }
    }
}
