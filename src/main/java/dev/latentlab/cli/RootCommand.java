package dev.latentlab.cli;

import dev.latentlab.config.ConfigLoader;
import dev.latentlab.config.ConfigLocator;
import dev.latentlab.config.LoadedConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The top-level command: runs the pipeline named by a config's {@code task:}; subcommands do the rest. */
@Command(name = "trainer", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Runs YAML-driven DL4J/ND4J pipelines for unsupervised learning on images.",
                "With --config, runs the pipeline named by the config's task: (" + Tasks.NAMES + "); the "
                        + "subcommands below do the rest."},
        subcommands = {DataCommand.class, BenchCommand.class, ReconstructCommand.class, EvaluateCommand.class, PredictCommand.class,
                SampleCommand.class, QuantizeCommand.class, SweepCommand.class},
        exitCodeOnInvalidInput = ExitCode.BAD_INPUT, exitCodeOnExecutionException = ExitCode.RUN_FAILED)
public final class RootCommand implements Callable<Integer> {

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "Experiment config (YAML). A bare name is also looked up in configs/, then among the "
                    + "configs shipped in the jar.")
    private String config;

    @Option(names = {"-s", "--set"}, paramLabel = "KEY=VALUE",
            description = "Override a config value, e.g. --set kmeans.k=[100,200] --set seed=7 (repeatable).")
    private List<String> overrides = new ArrayList<>();

    @Option(names = "--resume", description = "Continue the interrupted training of this config's model "
            + "(models/<name>.checkpoint: epoch, learning rate, Adam state, early-stopping counters), or the "
            + "newest interrupted sweep of a sweep config.")
    private boolean resume;

    @Option(names = "--ui", description = "Serve DL4J's training UI on 127.0.0.1 while a VAE trains (prints the URL).")
    private boolean ui;

    @Option(names = "--ui-port", paramLabel = "PORT", description = "Port of the training UI (default: ${DEFAULT-VALUE}).")
    private int uiPort = 9000;

    @Option(names = "--ui-wait", description = "With --ui: keep serving after the run until interrupted (Ctrl-C).")
    private boolean uiWait;

    @Option(names = "--seeds", split = ",", paramLabel = "N",
            description = "Run a vae_gmm or latent_gmm config once per seed (e.g. --seeds 1,2,3), as a sweep over "
                    + "its seed: summary.json and the printed table give mean ± sd across seeds of every summary "
                    + "metric. For a sweep config, use sweep --seeds.")
    private List<Long> seeds = new ArrayList<>();

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /**
     * The process entry: bounds ND4J's native memory ({@link NativeMemoryLimit}), quiets SameDiff's stdout chatter,
     * refuses a CUDA build without a usable GPU ({@link BackendCheck}), then {@link #execute}s {@code args}.
     */
    public static int main(String... args) {
        NativeMemoryLimit.applyDefault();
        ParentWatch.startIfAsked();
        LineFilteringStream.installOnStdout("Added differentiated op ");
        return start(BackendCheck.isCudaBuild(), BackendCheck::loadNd4j, args);
    }

    /** {@link #main} after the process settings, with the backend check's inputs given (tests simulate a failure). */
    static int start(boolean cudaBuild, Runnable loadBackend, String... args) {
        java.util.Optional<String> problem = BackendCheck.problem(cudaBuild, loadBackend);
        if (problem.isPresent()) {
            System.err.println("error: " + problem.get());
            return ExitCode.BAD_INPUT;
        }
        return execute(args);
    }

    /** Parses and runs {@code args}; returns the process exit code. */
    public static int execute(String... args) {
        return commandLine().execute(args);
    }

    /**
     * The command tree as users meet it: one-line errors ({@link ErrorReporter}), enum values in any case, and the
     * usage help of {@link WholeWordHelp}.
     */
    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new RootCommand());
        ErrorReporter errors = new ErrorReporter();
        cli.setExecutionExceptionHandler(errors);
        cli.setParameterExceptionHandler(errors);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setUsageHelpWidth(WholeWordHelp.WIDTH);
        cli.setHelpFactory(WholeWordHelp::new);
        return cli;
    }

    @Override
    public Integer call() throws Exception {
        if (config == null) {
            ErrorReporter.usageMistake(spec.commandLine(), "--config FILE is required (or name a subcommand)");
            return ExitCode.BAD_INPUT;
        }
        Path file = new ConfigLocator().locate(config);
        LoadedConfig loaded = ConfigLoader.load(file, overrides);
        if ((uiWait || uiPort != 9000) && !ui) {
            throw new dev.latentlab.BadInputException("--ui-port and --ui-wait need --ui");
        }
        if (!seeds.isEmpty()) {
            if (resume) {
                throw new dev.latentlab.BadInputException("--seeds cannot --resume (resume the sweep with "
                        + "sweep --resume on a sweep config instead)");
            }
            Path folder = Tasks.runSeeds(loaded, List.copyOf(seeds));
            SeedsTable.print(folder);
            System.out.println("sweep folder: " + folder);
            return ExitCode.OK;
        }
        Path runDir = ui ? UiSession.run(loaded, resume, uiPort, uiWait) : Tasks.run(loaded, resume);
        System.out.println("run folder: " + runDir);
        return ExitCode.OK;
    }
}
