package dev.latentlab.task.sweep;

import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs the sweep's progress (console and run.log): each candidate's start with its values, its end with the
 * objective, the best so far, and the ETA of the remaining candidates from the mean time of those run.
 * Candidate runs show their own progress bars inside; this is the outer loop.
 */
final class SweepProgress {
    private static final Logger LOG = LoggerFactory.getLogger(SweepProgress.class);

    private final int planned;
    private final String metric;
    private final long startNanos = System.nanoTime();
    private int started;
    private int finished;
    private int ran;
    private double ranSeconds;

    SweepProgress(int planned, String metric) {
        this.planned = planned;
        this.metric = metric;
    }

    synchronized void started(int index, Map<String, Object> values) {
        started++;
        LOG.info("sweep: candidate {} ({}/{}) started: {}", index, started, planned, describe(values));
    }

    synchronized void skipped(CandidateRecord r) {
        started++;
        finished++;
        LOG.info("sweep: candidate {} ({}/{}) finished in the interrupted run, skipped: {} = {}", r.index(), finished,
                planned, metric, r.objective());
    }

    synchronized void finished(CandidateRecord r, CandidateRecord best) {
        finished++;
        ran++;
        ranSeconds += r.seconds();
        String outcome = r.isComplete() ? metric + " = " + String.format("%.6g", r.objective()) : "FAILED: " + r.error();
        String bestText = best == null ? "none yet" : String.format("%.6g (candidate %d)", best.objective(), best.index());
        long remaining = Math.max(0, planned - finished);
        LOG.info("sweep: candidate {} ({}/{}) {} in {}; best {}; elapsed {}, ETA {}", r.index(), finished, planned,
                outcome, clock(r.seconds()), bestText, clock((System.nanoTime() - startNanos) / 1e9),
                clock(remaining * ranSeconds / ran));
    }

    static String describe(Map<String, Object> values) {
        return values.entrySet().stream().map(e -> e.getKey() + "=" + Overrides.text(e.getValue()))
                .collect(Collectors.joining(", "));
    }

    static String clock(double seconds) {
        Duration d = Duration.ofMillis(Math.round(seconds * 1000));
        return String.format("%d:%02d:%02d", d.toHours(), d.toMinutesPart(), d.toSecondsPart());
    }
}
