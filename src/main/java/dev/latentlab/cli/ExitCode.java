package dev.latentlab.cli;

/** The process exit codes of trainer.jar. */
public final class ExitCode {
    /** Success. */
    public static final int OK = 0;
    /** The run itself failed (a bug, out of memory, a numeric failure); details in run.log. */
    public static final int RUN_FAILED = 1;
    /** Bad usage, config or input data: one line on stderr says what and where. */
    public static final int BAD_INPUT = 2;

    private ExitCode() {
    }
}
