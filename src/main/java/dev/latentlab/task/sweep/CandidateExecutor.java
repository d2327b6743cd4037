package dev.latentlab.task.sweep;

import java.nio.file.Path;

/**
 * Where a sweep's candidates run: in this JVM, in child JVMs on this machine, or as Spark tasks on a cluster.
 * {@link #run} may be called from several threads at once (as many as {@code search.parallel}).
 */
public interface CandidateExecutor extends AutoCloseable {
    /**
     * Runs {@code job}'s pipeline; returns its run folder (which holds summary.json). A run that fails throws:
     * {@link CandidateRunFailed} names its run folder when it made one.
     */
    Path run(CandidateJob job) throws Exception;

    /** Where and how candidates run, for the sweep's log (e.g. "each in its own JVM with 1 of 2 cores"). */
    default String describe() {
        return "outside this JVM";
    }

    /** True when candidates run in this JVM, logging to the console themselves (no heartbeat needed). */
    default boolean inProcess() {
        return false;
    }

    /** Releases what the executor holds (a Spark context). */
    @Override
    default void close() {
    }
}
