package dev.latentlab.clustering;

/** Told about each k-means iteration as it ends (for progress bars and metrics; may do nothing). */
@FunctionalInterface
public interface IterationListener {
    IterationListener NONE = stats -> { };

    /** Called after iteration {@code stats.iteration()}; {@code total} is the iteration limit. */
    void iterationDone(IterationStats stats);
}
