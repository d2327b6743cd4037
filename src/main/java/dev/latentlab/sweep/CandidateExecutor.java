package dev.latentlab.sweep;

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

    /** True when candidates run in this JVM, logging to the console themselves (no heartbeat needed). */
    default boolean inProcess() {
        return false;
    }

    /** Releases what the executor holds (a Spark context). */
    @Override
    default void close() {
    }
}
