package dev.latentlab.task.sweep;

import java.nio.file.Path;

/** One candidate at a time in this JVM through the CLI's {@link PipelineLauncher} (the sweep's default). */
record InProcessCandidates(PipelineLauncher launcher) implements CandidateExecutor {
    @Override
    public Path run(CandidateJob job) throws Exception {
        return launcher.run(job.config());
    }

    @Override
    public String describe() {
        return "in this JVM";
    }

    @Override
    public boolean inProcess() {
        return true;
    }
}
