package dev.latentlab.task.sweep;

import dev.latentlab.config.LoadedConfig;
import java.nio.file.Path;

/**
 * One candidate as it is handed to a {@link CandidateExecutor}: its config (bound in this JVM), the same config
 * fully resolved as YAML (what a candidate running in another JVM reads), and where its run folder and models go.
 *
 * @param index     the candidate's number in generation order
 * @param name      the candidate's run name ({@code <sweep>-c<index>})
 * @param config    the candidate's config
 * @param yaml      the config resolved in full (every key), runnable on its own with {@code --config}
 * @param runsDir   the sweep's {@code candidates/} folder
 * @param modelsDir the sweep's {@code models/} folder
 */
public record CandidateJob(int index, String name, LoadedConfig config, String yaml, Path runsDir, Path modelsDir) {
}
