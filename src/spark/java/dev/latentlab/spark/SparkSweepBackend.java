package dev.latentlab.spark;

import dev.latentlab.BadInputException;
import dev.latentlab.config.SparkConfig;
import dev.latentlab.config.SweepConfig;
import dev.latentlab.task.sweep.CandidateExecutor;
import dev.latentlab.task.sweep.SparkCandidates;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * {@code search.executor: spark} (the {@link SparkCandidates} service of the Spark build): starts Spark from the
 * sweep's {@code spark:} section with {@code spark.task.maxFailures} 2 unless set (a candidate whose executor is lost
 * runs once more), and refuses a relative {@code output.runs_dir} when the master Spark really got (a
 * {@code spark-submit --master} wins over the config's) runs executors outside this JVM.
 */
public final class SparkSweepBackend implements SparkCandidates {
    /** Attempts per candidate unless {@code spark.conf} sets {@code spark.task.maxFailures}. */
    static final String ATTEMPTS = "2";

    @Override
    public CandidateExecutor open(SweepConfig sweep) {
        Map<String, String> conf = new LinkedHashMap<>(sweep.spark().conf());
        conf.putIfAbsent("spark.task.maxFailures", ATTEMPTS);
        JavaSparkContext context = SparkContexts.start(sweep.spark().withConf(conf), "sweep " + sweep.name());
        try {
            String master = context.master();
            if (!SparkConfig.isLocal(master) && !Path.of(sweep.output().runsDir()).isAbsolute()) {
                throw new BadInputException("output.runs_dir = " + sweep.output().runsDir() + ": expected an absolute "
                        + "path on storage every worker sees (search.executor spark with master " + master + ")");
            }
            return new SparkCandidateRunner(context, AppJar.locate(), Integer.parseInt(
                    context.getConf().get("spark.task.maxFailures")));
        } catch (IOException | RuntimeException e) {
            context.stop();
            if (e instanceof IOException io) {
                throw new IllegalStateException("cannot ship the application jar: " + io.getMessage(), io);
            }
            throw (RuntimeException) e;
        }
    }
}
