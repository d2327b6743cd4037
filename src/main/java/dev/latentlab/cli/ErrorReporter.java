package dev.latentlab.cli;

import dev.latentlab.BadInputException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * Turns exceptions escaping a command into exit codes: a user mistake prints its one line and exits 2; anything
 * else prints one line, logs the stack trace (to run.log when a run is open) and exits 1.
 */
final class ErrorReporter implements CommandLine.IExecutionExceptionHandler {
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
