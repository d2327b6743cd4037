package dev.latentlab.spark;

import dev.latentlab.report.Progress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.StageInfo;
import org.slf4j.Logger;
import scala.collection.JavaConverters;
import org.slf4j.LoggerFactory;

/**
 * Watches the Spark jobs of a {@code spark.solver: mllib} fit: Spark ML's block KMeans runs each Lloyd iteration as
 * one job (a {@code collectAsMap} in KMeans.scala; initialisation and everything else are other jobs). Each iteration steps the fit's progress and
 * its seconds are recorded; every other job is logged with its duration (Spark ML gives no other hook).
 */
final class LloydIterationClock extends SparkListener {
    private static final Logger LOG = LoggerFactory.getLogger(LloydIterationClock.class);
    private static final String ITERATION_JOB = "collectAsMap at KMeans.scala";

    private final Map<Integer, Long> starts = new ConcurrentHashMap<>();
    private final Map<Integer, String> names = new ConcurrentHashMap<>();
    private final List<Double> iterationSeconds = new ArrayList<>();
    private volatile Progress progress;

    /** Starts counting iterations for a fit shown by {@code progress}. */
    synchronized void begin(Progress progress) {
        iterationSeconds.clear();
        this.progress = progress;
    }

    /** Stops counting; returns the seconds of each iteration seen since {@link #begin}. */
    synchronized List<Double> end() {
        progress = null;
        return List.copyOf(iterationSeconds);
    }

    @Override
    public void onJobStart(SparkListenerJobStart jobStart) {
        starts.put(jobStart.jobId(), jobStart.time());
        // The job's call site names its last stage (the result stage: highest id), e.g. "collectAsMap at KMeans.scala:334".
        String name = "job " + jobStart.jobId();
        int lastStage = -1;
        for (StageInfo stage : JavaConverters.seqAsJavaList(jobStart.stageInfos())) {
            if (stage.stageId() > lastStage) {
                lastStage = stage.stageId();
                name = stage.name();
            }
        }
        names.put(jobStart.jobId(), name);
    }

    @Override
    public void onJobEnd(SparkListenerJobEnd jobEnd) {
        Long start = starts.remove(jobEnd.jobId());
        String name = names.remove(jobEnd.jobId());
        double seconds = start == null ? Double.NaN : (jobEnd.time() - start) / 1e3;
        if (name != null && name.startsWith(ITERATION_JOB)) {
            synchronized (this) {
                if (progress != null) {
                    iterationSeconds.add(seconds);
                    progress.step();
                }
            }
        } else {
            LOG.info("spark job {} ({}): {} s", jobEnd.jobId(), name, String.format(java.util.Locale.ROOT, "%.3f", seconds));
        }
    }
}
