package dev.latentlab.task.sweep;

import java.nio.file.Path;

/** A candidate's run that failed outside this JVM: its one-line error and, when it made one, its run folder. */
public final class CandidateRunFailed extends RuntimeException {
    private final transient Path runDir;

    /**
     * @param message the run's own one-line error
     * @param runDir  its run folder; null when it made none
     */
    public CandidateRunFailed(String message, Path runDir) {
        super(message);
        this.runDir = runDir;
    }

    /** The failed run's folder, or null. */
    public Path runDir() {
        return runDir;
    }
}
