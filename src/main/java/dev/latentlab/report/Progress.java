package dev.latentlab.report;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;
import org.slf4j.MarkerFactory;

/**
 * Progress of a long loop. With a console attached it shows a bar with ETA on stderr (me.tongfei.progressbar);
 * without one (CI, pipes) no bar at all. In every case it logs (SLF4J, so into {@code run.log}) a start line,
 * a line at most every 10 s while steps come in, and an end line:
 * {@code kmeans: 37/120 iterations (31%), elapsed 0:01:02, ETA 0:02:15, mse=0.0123}.
 * Thread-safe: {@link #step()} may be called from worker threads.
 *
 * <pre>{@code try (Progress p = Progress.start("lloyd", iterations, "iterations")) { for (...) { ...; p.step(); } }}</pre>
 */
public final class Progress implements AutoCloseable {
    /**
     * Marks the periodic lines logged while a console bar shows the same figures; {@link ProgressLineFilter}
     * keeps them off the console.
     */
    public static final Marker BAR_SHOWN = MarkerFactory.getMarker("PROGRESS_BAR_SHOWN");

    static final Duration LOG_INTERVAL = Duration.ofSeconds(10);
    private static final Logger LOG = LoggerFactory.getLogger(Progress.class);

    private final String task;
    private final long total;
    private final String unit;
    private final Logger log;
    private final LongSupplier nanoTime;
    private final long intervalNanos;
    private final ProgressBar bar;
    private final long startNanos;
    private final AtomicLong done = new AtomicLong();
    private volatile long lastLogNanos;
    private volatile String extra = "";
    private boolean closed;

    Progress(String task, long total, String unit, Logger log, LongSupplier nanoTime, Duration interval,
             ProgressBar bar) {
        this.task = task;
        this.total = total;
        this.unit = unit;
        this.log = log;
        this.nanoTime = nanoTime;
        this.intervalNanos = interval.toNanos();
        this.bar = bar;
        this.startNanos = nanoTime.getAsLong();
        this.lastLogNanos = startNanos;
        log.info("{}: started, {}", task, total > 0 ? total + " " + unit : unit + " (total unknown)");
    }

    /** Starts tracking {@code total} steps of {@code unit} (total &lt;= 0: unknown, no percent or ETA). */
    public static Progress start(String task, long total, String unit) {
        ProgressBar bar = System.console() == null ? null : consoleBar(task, total, unit);
        return new Progress(task, total, unit, LOG, System::nanoTime, LOG_INTERVAL, bar);
    }

    private static ProgressBar consoleBar(String task, long total, String unit) {
        return new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(total > 0 ? total : -1)
                .setUnit(" " + unit, 1)
                .setUpdateIntervalMillis(500)
                .setConsumer(new ConsoleProgressBarConsumer(System.err))
                .build();
    }

    /** One step done. */
    public void step() {
        stepBy(1);
    }

    /** {@code n} steps done. */
    public void stepBy(long n) {
        done.addAndGet(n);
        if (bar != null) {
            bar.stepBy(n);
        }
        long now = nanoTime.getAsLong();
        if (now - lastLogNanos >= intervalNanos) {
            synchronized (this) {
                if (now - lastLogNanos >= intervalNanos && !closed) {
                    lastLogNanos = now;
                    logLine(now);
                }
            }
        }
    }

    /** Text shown after the figures, e.g. the current loss; null or empty for none. */
    public void setExtraMessage(String message) {
        extra = message == null ? "" : message;
        if (bar != null) {
            bar.setExtraMessage(extra);
        }
    }

    /** Steps done so far. */
    public long current() {
        return done.get();
    }

    /** Closes the bar and logs the end line (done, or stopped early). Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (bar != null) {
            bar.close();
        }
        long count = done.get();
        long elapsed = nanoTime.getAsLong() - startNanos;
        boolean finished = total <= 0 || count >= total;
        log.info("{}: {} {}{} {}{}", task, finished ? "done," : "stopped at", counts(count),
                finished ? " in" : " after", clock(elapsed), suffix());
    }

    private void logLine(long now) {
        long count = done.get();
        long elapsed = now - startNanos;
        StringBuilder line = new StringBuilder(counts(count)).append(", elapsed ").append(clock(elapsed));
        if (total > 0) {
            line.append(", ETA ").append(count > 0 ? clock(Math.max(0, elapsed / (double) count * (total - count))) : "?");
        }
        if (bar != null) {
            log.info(BAR_SHOWN, "{}: {}{}", task, line, suffix());
        } else {
            log.info("{}: {}{}", task, line, suffix());
        }
    }

    private String counts(long count) {
        if (total <= 0) {
            return count + " " + unit;
        }
        return count + "/" + total + " " + unit + " (" + (count * 100 / total) + "%)";
    }

    private String suffix() {
        return extra.isEmpty() ? "" : ", " + extra;
    }

    /** H:MM:SS. */
    static String clock(double nanos) {
        long seconds = Math.round(nanos / 1e9);
        return String.format("%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60);
    }
}
