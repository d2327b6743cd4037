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

    @picocli.CommandLine.Mixin
    private SeedsOption seeds = new SeedsOption();

    @Override
    public Integer call() throws Exception {
        Path file = new ConfigLocator().locate(config);
        List<String> all = new ArrayList<>(overrides);
        if (!seeds.isEmpty()) {
            all.add("parameters.seed={values: " + seeds.values() + "}");
        }
        var loaded = ConfigLoader.load(file, all);
        loaded.task(List.of(SweepConfig.TASK));
        Path folder = Tasks.run(loaded, resume);
        SeedsOption.printTable(folder);
        System.out.println("sweep folder: " + folder);
        return ExitCode.OK;
    }
}
