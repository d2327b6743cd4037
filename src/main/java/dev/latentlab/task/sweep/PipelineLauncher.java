package dev.latentlab.task.sweep;

import dev.latentlab.config.LoadedConfig;
import java.nio.file.Path;

/**
 * Runs the pipeline a config's {@code task:} names; given by the CLI, which knows the tasks, so that the sweep
 * depends on no pipeline directly.
 */
public interface PipelineLauncher {
    /** Binds and validates {@code config}; returns its fully resolved YAML. Mistakes are BadInputExceptions. */
    String resolve(LoadedConfig config);

    /**
     * Checks, before any work, that the files and folders {@code config} names as inputs exist (from the working
     * folder, or shipped in the jar); a missing one is a BadInputException naming its key and the folder looked in.
     */
    void checkInputs(LoadedConfig config);

    /** Runs {@code config}'s pipeline; returns its run folder (which holds summary.json). */
    Path run(LoadedConfig config) throws Exception;
}
