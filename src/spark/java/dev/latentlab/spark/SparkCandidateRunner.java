package dev.latentlab.spark;

import dev.latentlab.task.sweep.CandidateExecutor;
import dev.latentlab.task.sweep.CandidateFolders;
import dev.latentlab.task.sweep.CandidateJob;
import dev.latentlab.task.sweep.CandidateRunFailed;
import dev.latentlab.task.sweep.ChildJvm;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs each sweep candidate as a single-task Spark job (as Hyperopt's SparkTrials does): the task runs the
 * candidate's pipeline in a JVM of its own on its executor ({@link SparkCandidateTask}). Jobs of concurrent
 * candidates share the cluster under Spark's scheduler. A task whose executor is lost is retried by Spark (up to
 * {@code spark.task.maxFailures} attempts); a candidate lost on every attempt is recorded as failed with its
 * folders removed; a candidate whose own run fails is not retried.
 */
final class SparkCandidateRunner implements CandidateExecutor {
    private static final Logger LOG = LoggerFactory.getLogger(SparkCandidateRunner.class);

    private final JavaSparkContext context;
    private final String driverJar;
    private final String workDir = Path.of("").toAbsolutePath().toString();
    private final int attempts;

    SparkCandidateRunner(JavaSparkContext context, Path driverJar, int attempts) {
        this.context = context;
        this.driverJar = driverJar.toAbsolutePath().toString();
        this.attempts = attempts;
        context.sc().addSparkListener(new CandidateAttempts());
    }

    @Override
    public Path run(CandidateJob job) throws Exception {
        SparkCandidateTask task = new SparkCandidateTask(job.yaml(), job.name(),
                job.runsDir().toAbsolutePath().toString(), job.modelsDir().toAbsolutePath().toString(), workDir,
                driverJar);
        // Thread-local: names this thread's job in Spark's UI and logs; cancellable as a group.
        context.setJobGroup(CandidateAttempts.GROUP + job.index(), "latentlab sweep candidate " + job.name(), true);
        ChildJvm.Result result;
        try {
            result = context.parallelize(List.of(task), 1).map(SparkCandidateTask::call).collect().get(0);
        } catch (Exception e) { // SparkException: the task failed on every attempt (its executors were lost)
            LOG.debug("candidate {} lost", job.name(), e);
            CandidateFolders.clear(job.runsDir(), job.modelsDir(), job.name());
            throw new CandidateRunFailed("lost on the cluster in " + attempts + " attempts (" + firstLine(e) + ")",
                    null);
        } finally {
            context.clearJobGroup();
        }
        return result.runFolder(job);
    }

    @Override
    public String describe() {
        return "as single-task Spark jobs on " + context.master() + " (spark.task.cpus "
                + context.getConf().get("spark.task.cpus", "1") + ", up to " + attempts + " attempts)";
    }

    @Override
    public void close() {
        context.stop();
    }

    private static String firstLine(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.lines().findFirst().orElse("").strip();
    }
}
