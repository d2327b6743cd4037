package dev.latentlab.cli;

import dev.latentlab.config.ConfigLoader;
import dev.latentlab.config.ConfigLocator;
import dev.latentlab.config.SweepConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sweep}: runs a hyper-parameter sweep config ({@code task: sweep}); the same as {@code --config} on one. */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = {"Runs a hyper-parameter sweep (DL4J Arbiter) of a sweep config (task: sweep).",
                "Every candidate is a full run of the base config with the candidate's values; candidates.csv, "
                        + "best.yaml, figures and summary.json go into one sweep folder under runs/."})
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

    @Option(names = "--seeds", split = ",", paramLabel = "N",
            description = "Run every candidate once per seed (e.g. --seeds 1,2,3): summary.json and "
                    + "across_seeds.txt give mean ± sd across seeds of the objective and of every summary metric.")
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
        SeedsTable.print(folder);
        System.out.println("sweep folder: " + folder);
        return ExitCode.OK;
    }
}
