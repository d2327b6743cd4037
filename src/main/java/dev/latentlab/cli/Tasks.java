package dev.latentlab.cli;

import dev.latentlab.config.LoadedConfig;
import dev.latentlab.config.PatchDictionaryConfig;
import dev.latentlab.kmeans.PatchDictionaryPipeline;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** The pipelines a config's {@code task:} can name, and how each is started. */
final class Tasks {
    static final String NAMES = PatchDictionaryConfig.TASK;
    private static final List<String> ALL = List.of(PatchDictionaryConfig.TASK);

    private Tasks() {
    }

    /** Binds the config to its task's record and runs the pipeline; returns the run folder. */
    static Path run(LoadedConfig loaded) throws IOException {
        String task = loaded.task(ALL);
        return switch (task) {
            case PatchDictionaryConfig.TASK -> new PatchDictionaryPipeline(loaded.bind(PatchDictionaryConfig.class)).run();
            default -> throw new IllegalStateException("task " + task + " has no pipeline");
        };
    }
}
