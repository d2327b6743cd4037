package dev.latentlab.cli;

import dev.latentlab.BadInputException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * Turns what goes wrong into one line on stderr and an exit code. A command-line mistake (an unknown option or
 * subcommand, a missing or malformed value) prints {@code error: <picocli's message>} and
 * {@code Try 'trainer <command> --help'.} instead of the whole usage, and exits 2; a user mistake found while a
 * command runs prints its one line and exits 2; anything else prints one line, logs the stack trace (to run.log
 * when a run is open) and exits 1.
 */
final class ErrorReporter implements CommandLine.IExecutionExceptionHandler, CommandLine.IParameterExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorReporter.class);

    @Override
    public int handleExecutionException(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
        BadInputException bad = findBadInput(e);
        if (bad != null) {
            System.err.println("error: " + bad.getMessage());
            return ExitCode.BAD_INPUT;
        }
        System.err.println("run failed: " + describe(e) + " (stack trace in run.log of the run folder, if one was made)");
        LOG.debug("run failed", e);
        return ExitCode.RUN_FAILED;
    }

    @Override
    public int handleParseException(CommandLine.ParameterException e, String[] args) {
        usageMistake(e.getCommandLine(), e.getMessage().replaceAll("\\s*\\R\\s*", " ").strip() + suggestion(e));
        return ExitCode.BAD_INPUT;
    }

    /** Prints a command-line mistake of {@code command} as {@code error: <message>} and a pointer to its help. */
    static void usageMistake(CommandLine command, String message) {
        System.err.println("error: " + message);
        System.err.println("Try '" + command.getCommandSpec().qualifiedName() + " --help'.");
    }

    /** picocli's "did you mean" for an unknown option (every near name) or subcommand (the nearest), or "". */
    private static String suggestion(CommandLine.ParameterException e) {
        if (!(e instanceof CommandLine.UnmatchedArgumentException unmatched)) {
            return "";
        }
        List<String> names = unmatched.getSuggestions();
        if (names.isEmpty()) {
            return "";
        }
        return " (did you mean " + (unmatched.isUnknownOption() ? String.join(" or ", names) : names.get(0)) + "?)";
    }

    private static BadInputException findBadInput(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BadInputException b) {
                return b;
            }
        }
        return null;
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message.lines().findFirst().orElse(""));
    }
}
