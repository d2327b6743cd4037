package dev.latentlab.task.sweep;

import java.nio.file.Path;
import java.util.List;

/**
 * {@code search.parallel} above 1 on this machine: each candidate in a {@link ChildJvm} in this working folder,
 * with this JVM's class path and options, limited to its share of the cores ({@code cores / parallel}, at least
 * one).
 */
final class ChildJvmCandidates implements CandidateExecutor {
    private final int threads;
    private final List<String> classPath = ChildJvm.classPath();
    private final List<String> options = ChildJvm.inheritedOptions();

    ChildJvmCandidates(int parallel) {
        this.threads = Math.max(1, Runtime.getRuntime().availableProcessors() / parallel);
    }

    @Override
    public String describe() {
        return "each in its own JVM with " + threads + " of " + Runtime.getRuntime().availableProcessors() + " cores";
    }

    @Override
    public Path run(CandidateJob job) throws Exception {
        return ChildJvm.run(job.yaml(), Path.of("").toAbsolutePath(), classPath, options, threads).runFolder(job);
    }
}
