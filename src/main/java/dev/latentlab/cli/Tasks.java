package dev.latentlab.cli;

import dev.latentlab.config.LoadedConfig;
import dev.latentlab.config.PatchDictionaryConfig;
import dev.latentlab.config.QuantizeConfig;
import dev.latentlab.config.VaeGmmConfig;
import dev.latentlab.kmeans.PatchDictionaryPipeline;
import dev.latentlab.quantize.QuantizePipeline;
import dev.latentlab.vae.VaeGmmPipeline;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** The pipelines a config's {@code task:} can name, and how each is started. */
final class Tasks {
    static final String NAMES = PatchDictionaryConfig.TASK + ", " + VaeGmmConfig.TASK + ", " + QuantizeConfig.TASK;
    private static final List<String> ALL = List.of(PatchDictionaryConfig.TASK, VaeGmmConfig.TASK, QuantizeConfig.TASK);

    private Tasks() {
    }

    /**
     * Binds the config to its task's record and runs the pipeline; returns the run folder. {@code resume} continues
     * an interrupted training (tasks that train a network); other tasks reject it.
     */
    static Path run(LoadedConfig loaded, boolean resume) throws IOException {
        String task = loaded.task(ALL);
        if (resume && !task.equals(VaeGmmConfig.TASK)) {
            throw new dev.latentlab.BadInputException("--resume: task " + task + " has nothing to resume (only "
                    + VaeGmmConfig.TASK + ")");
        }
        return switch (task) {
            case PatchDictionaryConfig.TASK -> new PatchDictionaryPipeline(loaded.bind(PatchDictionaryConfig.class)).run();
            case VaeGmmConfig.TASK -> new VaeGmmPipeline(loaded.bind(VaeGmmConfig.class), resume).run();
            case QuantizeConfig.TASK -> new QuantizePipeline(loaded.bind(QuantizeConfig.class)).run();
            default -> throw new IllegalStateException("task " + task + " has no pipeline");
        };
    }
}
