package dev.latentlab.task.sweep;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.latentlab.BadInputException;
import dev.latentlab.config.SweepConfig;
import dev.latentlab.report.RunDirectory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one candidate: the base config with the sweep's fixed overrides, the candidate's values and the
 * redirection of its outputs into the sweep folder, as a full pipeline run on the sweep's
 * {@link CandidateExecutor}; then reads the objective from its
 * summary.json and records the outcome. A candidate that throws (a NaN loss, out of memory, a value its config
 * rejects) is recorded as failed and the sweep goes on; an objective that no summary has is a mistake in the
 * sweep config and stops the sweep ({@link #abort()}).
 */
final class CandidateRunner {
    private static final Logger LOG = LoggerFactory.getLogger(CandidateRunner.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SweepConfig sweep;
    private final CandidateConfigs configs;
    private final Path sweepDir;
    private final PipelineLauncher launcher;
    private final CandidateExecutor executor;
    private final SweepState state;
    private final SweepProgress progress;
    private final CandidateHeartbeat heartbeat;
    private final AtomicReference<RuntimeException> abort = new AtomicReference<>();

    /**
     * @param heartbeat per-candidate progress of candidates running elsewhere; null when they run in this JVM
     */
    CandidateRunner(CandidateConfigs configs, Path sweepDir, PipelineLauncher launcher, CandidateExecutor executor,
                    SweepState state, SweepProgress progress, CandidateHeartbeat heartbeat) {
        this.sweep = configs.sweep();
        this.configs = configs;
        this.sweepDir = sweepDir;
        this.launcher = launcher;
        this.executor = executor;
        this.state = state;
        this.progress = progress;
        this.heartbeat = heartbeat;
    }

    /** The mistake that stopped the sweep, if any. */
    RuntimeException abort() {
        return abort.get();
    }

    /** Runs (or, when finished in an interrupted run with the same values, recalls) candidate {@code index}. */
    CandidateRecord run(int index, Map<String, Object> values) {
        CandidateRecord earlier = state.get(index).orElse(null);
        if (earlier != null && earlier.isComplete()) {
            if (!earlier.hasParameters(values)) {
                fail(new BadInputException(String.format("--resume: candidate %d now has %s but ran with %s; "
                        + "the sweep config changed since the interrupted run (start a new sweep)", index,
                        Overrides.text(values), Overrides.text(earlier.parameters()))));
                return earlier;
            }
            progress.skipped(earlier);
            return earlier;
        }
        progress.started(index, values);
        long start = System.nanoTime();
        Path runDir = null;
        Map<String, Double> metrics = Map.of();
        CandidateRecord record;
        CandidateJob job = null;
        try {
            job = configs.job(index, values, sweepDir, launcher);
            if (heartbeat != null) {
                heartbeat.started(job);
            }
            runDir = executor.run(job);
            metrics = SummaryMetrics.flatten(JSON.readTree(runDir.resolve(RunDirectory.SUMMARY_FILE).toFile()));
            Double objective = metrics.get(sweep.objective().metric());
            double seconds = seconds(start);
            if (objective == null) {
                fail(new BadInputException("objective.metric = " + sweep.objective().metric() + ": not in "
                        + runDir.resolve(RunDirectory.SUMMARY_FILE) + " (numeric keys there: " + sample(metrics) + ")"));
                record = CandidateRecord.failed(index, values, seconds, runDir.toString(), "objective missing", metrics);
            } else if (!Double.isFinite(objective)) {
                record = CandidateRecord.failed(index, values, seconds, runDir.toString(),
                        "objective " + sweep.objective().metric() + " is " + objective, metrics);
            } else {
                record = CandidateRecord.complete(index, values, objective, seconds, runDir.toString(), metrics);
            }
        } catch (Throwable t) { // a failed candidate must not end the sweep: NaN loss, out of memory, bad value
            if (t instanceof CandidateRunFailed elsewhere) {
                LOG.warn("candidate {} failed: {}", index, elsewhere.getMessage());
                runDir = elsewhere.runDir();
            } else {
                LOG.warn("candidate {} failed", index, t);
            }
            record = CandidateRecord.failed(index, values, seconds(start), runDir == null ? null : runDir.toString(),
                    oneLine(t), metrics);
        } finally {
            if (heartbeat != null && job != null) {
                heartbeat.finished(job);
            }
        }
        try {
            state.put(record);
        } catch (IOException e) {
            fail(new IllegalStateException("cannot save " + sweepDir.resolve(SweepState.FILE) + ": " + e, e));
        }
        progress.finished(record, state.best(sweep.objective().minimize()).orElse(null));
        return record;
    }

    private void fail(RuntimeException e) {
        abort.compareAndSet(null, e);
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    private static String oneLine(Throwable t) {
        String message = t.getMessage() == null ? t.getClass().getSimpleName()
                : (t instanceof BadInputException || t instanceof CandidateRunFailed ? "" : t.getClass().getSimpleName() + ": ") + t.getMessage();
        return message.replaceAll("\\s*\\R\\s*", " ").strip();
    }

    private static String sample(Map<String, Double> metrics) {
        String keys = metrics.keySet().stream().limit(12).collect(Collectors.joining(", "));
        return metrics.size() > 12 ? keys + ", …" : keys;
    }
}
