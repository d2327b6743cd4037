package dev.latentlab.task.sweep;

import dev.latentlab.report.RunDirectory;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Per-candidate progress of candidates that run in other JVMs (child JVMs, Spark executors): every period, one line
 * per running candidate with its time so far and the last line of its run.log (its epoch or iteration progress),
 * read from the sweep folder, which a cluster's workers share with the driver.
 */
final class CandidateHeartbeat implements AutoCloseable {
    private static final int TAIL_BYTES = 4096;
    /** A run.log line: date, time, level, [thread], logger, " - ", then the message shown. */
    private static final java.util.regex.Pattern LOG_LINE =
            java.util.regex.Pattern.compile("\\S+ \\S+ +[A-Z]+ +\\[[^]]*] \\S+ - (.*)");

    private final Map<Integer, Running> running = new ConcurrentSkipListMap<>();
    private final ScheduledExecutorService timer;
    private final Consumer<String> out;

    private record Running(CandidateJob job, long startNanos) {
    }

    CandidateHeartbeat(Duration period, Consumer<String> out) {
        this.out = out;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sweep-heartbeat");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleAtFixedRate(this::beat, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    void started(CandidateJob job) {
        running.put(job.index(), new Running(job, System.nanoTime()));
    }

    void finished(CandidateJob job) {
        running.remove(job.index());
    }

    /** One line per running candidate (also called by the timer). */
    void beat() {
        for (Running r : running.values()) {
            String last;
            try {
                last = CandidateFolders.newest(r.job().runsDir(), r.job().name())
                        .map(d -> lastLine(d.resolve(RunDirectory.LOG_FILE))).orElse("starting (no run folder yet)");
            } catch (IOException e) {
                last = "cannot read its run folder: " + e.getMessage();
            }
            out.accept(String.format("sweep: candidate %d running for %s: %s", r.job().index(),
                    SweepProgress.clock((System.nanoTime() - r.startNanos()) / 1e9), last));
        }
    }

    /** The message of the last non-empty line of {@code log}, or "" when it has none yet. */
    static String lastLine(Path log) {
        if (!Files.isRegularFile(log)) {
            return "";
        }
        try (RandomAccessFile f = new RandomAccessFile(log.toFile(), "r")) {
            long start = Math.max(0, f.length() - TAIL_BYTES);
            byte[] tail = new byte[(int) (f.length() - start)];
            f.seek(start);
            f.readFully(tail);
            String[] lines = new String(tail, StandardCharsets.UTF_8).split("\\R");
            for (int i = lines.length - 1; i >= 0; i--) {
                if (!lines[i].isBlank()) {
                    java.util.regex.Matcher m = LOG_LINE.matcher(lines[i].strip());
                    return m.matches() ? m.group(1) : lines[i].strip();
                }
            }
            return "";
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
