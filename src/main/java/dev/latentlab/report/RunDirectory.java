package dev.latentlab.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.latentlab.store.AtomicFiles;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.regex.Pattern;

/**
 * One run's folder, {@code runs/<yyyyMMdd-HHmmss>-<name>/} (with {@code -2}, {@code -3}… when that exists).
 * While open, everything logged (through the root logger) is also written to {@code run.log} in the folder.
 * Files are written atomically.
 *
 * <pre>{@code try (RunDirectory run = RunDirectory.create(Path.of("runs"), "kmeans_patches")) { run.writeSummary(s); }}</pre>
 */
public final class RunDirectory implements AutoCloseable {
    public static final String CONFIG_FILE = "config.yaml";
    public static final String SUMMARY_FILE = "summary.json";
    public static final String LOG_FILE = "run.log";

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    private static final Pattern UNSAFE = Pattern.compile("[^A-Za-z0-9._-]+");
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(RunDirectory.class);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path path;
    private final RunLog log;

    private RunDirectory(Path path) {
        this.path = path;
        this.log = RunLog.attach(path.resolve(LOG_FILE));
    }

    /** Creates a new run folder under {@code runsRoot} named after the current local time and {@code name}. */
    public static RunDirectory create(Path runsRoot, String name) throws IOException {
        return create(runsRoot, name, Clock.systemDefaultZone());
    }

    /**
     * As {@link #create(Path, String)} with the time taken from {@code clock}. Characters of {@code name}
     * outside {@code [A-Za-z0-9._-]} become {@code _}.
     */
    public static RunDirectory create(Path runsRoot, String name, Clock clock) throws IOException {
        String safe = UNSAFE.matcher(name.strip()).replaceAll("_");
        if (safe.isEmpty() || safe.chars().allMatch(c -> c == '.')) {
            throw new IllegalArgumentException("run name '" + name + "' is empty; expected letters, digits, . _ -");
        }
        Files.createDirectories(runsRoot);
        String base = LocalDateTime.now(clock).format(STAMP) + "-" + safe;
        for (int n = 1; ; n++) {
            Path candidate = runsRoot.resolve(n == 1 ? base : base + "-" + n);
            try {
                Files.createDirectory(candidate);
                return new RunDirectory(candidate);
            } catch (FileAlreadyExistsException taken) {
                // another run started in the same second: try the next suffix
            }
        }
    }

    /** An existing run folder, reopened to continue it: the log is appended to its {@code run.log}. */
    public static RunDirectory reopen(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException(dir + " is not a run folder");
        }
        return new RunDirectory(dir);
    }

    /** The run folder. */
    public Path path() {
        return path;
    }

    /** A file in the run folder, e.g. {@code resolve("metrics.csv")}. */
    public Path resolve(String file) {
        return path.resolve(file);
    }

    /** Writes the fully resolved config as {@code config.yaml}. */
    public Path writeConfig(String yaml) throws IOException {
        Path file = resolve(CONFIG_FILE);
        AtomicFiles.writeString(file, yaml.endsWith("\n") ? yaml : yaml + "\n");
        return file;
    }

    /** Writes {@code summary} (anything Jackson serialises: records, maps, lists) as pretty {@code summary.json}. */
    public Path writeSummary(Object summary) throws IOException {
        Path file = resolve(SUMMARY_FILE);
        AtomicFiles.writeString(file, JSON.writeValueAsString(summary) + "\n");
        return file;
    }

    /** What a pipeline does in its run folder. */
    @FunctionalInterface
    public interface Work<T> {
        T run() throws IOException;
    }

    /**
     * Does {@code work} in this folder: a failure is logged with its stack trace (so that it lands in {@code run.log})
     * and rethrown, for the command line to report in one line.
     */
    public <T> T execute(Work<T> work) throws IOException {
        try {
            return work.run();
        } catch (RuntimeException | IOException | Error e) {
            LOG.error("run failed", e);
            throw e;
        }
    }

    /** Stops copying the log into {@code run.log}; the folder and its files stay. */
    @Override
    public void close() {
        log.close();
    }

    @Override
    public String toString() {
        return path.toString();
    }
}
