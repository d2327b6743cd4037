package dev.latentlab.task.sweep;

import dev.latentlab.BadInputException;
import dev.latentlab.config.SparkConfig;
import dev.latentlab.config.SweepConfig;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * {@code search.executor: spark}: runs every candidate as a single-task Spark job. Provided by the Spark build
 * ({@code mvn -Pspark}, src/spark/java, a {@link ServiceLoader} provider), so that the sweep depends on no Spark
 * class; a jar built without it refuses the executor in one line.
 */
public interface SparkCandidates {
    /**
     * Starts Spark from the sweep's {@code spark:} section (bad settings: one line, exit 2, before any work);
     * {@code search.parallel} candidates may run at once.
     */
    CandidateExecutor open(SweepConfig sweep);

    /** The Spark executor of this jar, or a refusal naming {@code what} asked for it (exit 2). */
    static SparkCandidates require(String what) {
        try {
            return ServiceLoader.load(SparkCandidates.class).findFirst().orElseThrow(() -> new BadInputException(
                    what + ": " + SparkConfig.NOT_BUILT));
        } catch (ServiceConfigurationError e) {
            throw new BadInputException(what + ": " + SparkConfig.NOT_BUILT);
        }
    }
}
