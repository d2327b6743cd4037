package dev.latentlab.task.quantize;

import dev.latentlab.task.vaegmm.VaeGmmPipeline;

/** A task class calling another task's pipeline: ArchitectureRulesTest's proof that its rule can fail. */
final class PipelineCaller {
    Class<?> other() {
        return VaeGmmPipeline.class;
    }
}
