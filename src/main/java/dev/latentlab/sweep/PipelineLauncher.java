package dev.latentlab.sweep;

import dev.latentlab.config.LoadedConfig;
import java.nio.file.Path;

/**
 * Runs the pipeline a config's {@code task:} names; given by the CLI, which knows the tasks, so that the sweep
 * depends on no pipeline directly.
 */
public interface PipelineLauncher {
    /** Binds and validates {@code config}; returns its fully resolved YAML. Mistakes are BadInputExceptions. */
    String resolve(LoadedConfig config);

    /** Runs {@code config}'s pipeline; returns its run folder (which holds summary.json). */
    Path run(LoadedConfig config) throws Exception;
}
