package dev.latentlab.spark;

import dev.latentlab.task.sweep.CandidateFolders;
import dev.latentlab.task.sweep.ChildJvm;
import java.io.Serializable;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.TaskContext;

/**
 * One attempt at one sweep candidate, on a Spark executor: removes what an earlier attempt of the candidate left
 * in the sweep folder, then runs its resolved config in a {@link ChildJvm} limited to the task's
 * {@code spark.task.cpus}. The child runs in the driver's working folder when the worker sees it at the same path
 * (shared storage: relative paths in the config mean the same there), else in the executor's. Its class path: the
 * driver's trainer.jar when the worker sees it at the same path (its manifest names target/lib/), then the jar
 * Spark shipped and the executor's own class path ({@code spark.executor.extraClassPath}).
 *
 * @param yaml      the candidate's resolved config
 * @param name      its run name
 * @param runsDir   the sweep's candidates/ folder (absolute)
 * @param modelsDir the sweep's models/ folder (absolute)
 * @param workDir   the driver's working folder
 * @param driverJar the driver's application jar
 */
record SparkCandidateTask(String yaml, String name, String runsDir, String modelsDir, String workDir,
                          String driverJar) implements Serializable {

    ChildJvm.Result call() throws Exception {
        CandidateFolders.clear(Path.of(runsDir), Path.of(modelsDir), name);
        TaskContext task = TaskContext.get();
        int threads = task == null ? 1 : task.cpus();
        Path shared = Path.of(workDir);
        Path cwd = Files.isDirectory(shared) ? shared : Path.of("").toAbsolutePath();
        return ChildJvm.run(yaml, cwd, classPath(), ChildJvm.inheritedOptions(), threads);
    }

    private List<String> classPath() throws URISyntaxException {
        List<String> entries = new ArrayList<>();
        if (Files.isRegularFile(Path.of(driverJar))) {
            entries.add(driverJar);
        }
        entries.add(Path.of(SparkCandidateTask.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .toString());
        entries.addAll(ChildJvm.classPath());
        return entries;
    }
}
