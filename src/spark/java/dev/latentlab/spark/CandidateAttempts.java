package dev.latentlab.spark;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.SparkListenerTaskStart;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the driver's log where each sweep candidate's attempt runs and when one is lost: a Spark listener that maps
 * each stage to the candidate whose job group started it ({@link SparkCandidateRunner} names the groups).
 */
final class CandidateAttempts extends SparkListener {
    private static final Logger LOG = LoggerFactory.getLogger(CandidateAttempts.class);
    /** The job-group id prefix of a candidate's job. */
    static final String GROUP = "candidate-";

    private final Map<Integer, String> candidateOfStage = new ConcurrentHashMap<>();

    @Override
    public void onJobStart(SparkListenerJobStart job) {
        String group = job.properties() == null ? null : job.properties().getProperty("spark.jobGroup.id");
        if (group != null && group.startsWith(GROUP)) {
            job.stageIds().foreach(stage -> candidateOfStage.put((Integer) stage, group.substring(GROUP.length())));
        }
    }

    @Override
    public void onTaskStart(SparkListenerTaskStart task) {
        String candidate = candidateOfStage.get(task.stageId());
        if (candidate != null) {
            LOG.info("sweep: candidate {} attempt {} on executor {} ({})", candidate, task.taskInfo().attemptNumber() + 1,
                    task.taskInfo().executorId(), task.taskInfo().host());
        }
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd task) {
        String candidate = candidateOfStage.get(task.stageId());
        if (candidate != null && !task.taskInfo().successful()) {
            LOG.warn("sweep: candidate {} attempt {} lost on executor {} ({}): {}", candidate,
                    task.taskInfo().attemptNumber() + 1, task.taskInfo().executorId(), task.taskInfo().host(),
                    task.reason());
        }
    }
}
