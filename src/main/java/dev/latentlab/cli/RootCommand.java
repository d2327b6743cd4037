package dev.latentlab.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The top-level command: runs the pipeline named by a config's {@code task:}; subcommands do the rest. */
@Command(name = "trainer", mixinStandardHelpOptions = true, version = "latentlab 0.1.0",
        description = "YAML-driven DL4J/ND4J pipelines for unsupervised learning on images.")
public final class RootCommand implements Callable<Integer> {

    /** Parses and runs {@code args}; returns the process exit code. */
    public static int execute(String... args) {
        return new CommandLine(new RootCommand()).execute(args);
    }

    @Override
    public Integer call() {
        CommandLine.usage(this, System.out);
        return ExitCode.BAD_INPUT;
    }
}
