package dev.latentlab.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.latentlab.store.AtomicFiles;
import dev.latentlab.store.Provenance;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Pattern;

/**
 * One run's folder, {@code runs/<yyyyMMdd-HHmmss>-<name>/} (with {@code -2}, {@code -3}… when that exists).
 * While open, everything logged (through the root logger) is also written to {@code run.log} in the folder.
 * Files are written atomically. {@code summary.json} carries a {@code "provenance"} object ({@link Provenance}) whose
 * {@code config_sha256} is that of the folder's {@code config.yaml}.
 *
 * <pre>{@code try (RunDirectory run = RunDirectory.create(Path.of("runs"), "kmeans_patches")) { run.writeSummary(s); }}</pre>
 */
public final class RunDirectory implements AutoCloseable {
    public static final String CONFIG_FILE = "config.yaml";
    public static final String SUMMARY_FILE = "summary.json";
    public static final String LOG_FILE = "run.log";
    /** The key of summary.json under which {@link #writeSummary} puts the run's {@link Provenance}. */
    public static final String PROVENANCE_KEY = "provenance";

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    private static final DateTimeFormatter LOG_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");
    private static final Pattern UNSAFE = Pattern.compile("[^A-Za-z0-9._-]+");
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(RunDirectory.class);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path path;
    private final RunLog log;
    private final List<Cleanup> onInterrupt = new CopyOnWriteArrayList<>();
    private volatile Provenance provenance;
    private volatile String progress = "";
    private volatile String resumeHint;
    private volatile HtmlReport report;
    private volatile boolean interrupting;
    private final CountDownLatch recorded = new CountDownLatch(1);

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

    /**
     * An existing run folder, reopened to continue it: the log is appended to its {@code run.log}, and its
     * {@code config.yaml} (if any) is the config its summary's provenance names.
     */
    public static RunDirectory reopen(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException(dir + " is not a run folder");
        }
        RunDirectory run = new RunDirectory(dir);
        Path config = dir.resolve(CONFIG_FILE);
        if (Files.isRegularFile(config)) {
            run.provenance = Provenance.of(Files.readString(config));
        }
        return run;
    }

    /** The run folder. */
    public Path path() {
        return path;
    }

    /** A file in the run folder, e.g. {@code resolve("metrics.csv")}. */
    public Path resolve(String file) {
        return path.resolve(file);
    }

    /** Writes the fully resolved config as {@code config.yaml}; the provenance of this run is that of its text. */
    public Path writeConfig(String yaml) throws IOException {
        Path file = resolve(CONFIG_FILE);
        String text = yaml.endsWith("\n") ? yaml : yaml + "\n";
        AtomicFiles.writeString(file, text);
        provenance = Provenance.of(text);
        return file;
    }

    /**
     * The provenance of this run: of the config written by {@link #writeConfig} (or found by {@link #reopen}), else
     * of no config.
     */
    public Provenance provenance() {
        Provenance p = provenance;
        return p != null ? p : Provenance.of(null);
    }

    /**
     * Writes {@code summary} (anything Jackson serialises as a JSON object: records, maps) as pretty
     * {@code summary.json}, with {@link #provenance()} added under {@value #PROVENANCE_KEY}.
     */
    public Path writeSummary(Object summary) throws IOException {
        return writeSummary(summary, provenance());
    }

    private Path writeSummary(Object summary, Provenance with) throws IOException {
        JsonNode tree = JSON.valueToTree(summary);
        if (with != null && tree instanceof ObjectNode object) {
            object.set(PROVENANCE_KEY, JSON.valueToTree(with));
        }
        Path file = resolve(SUMMARY_FILE);
        AtomicFiles.writeString(file, JSON.writeValueAsString(tree) + "\n");
        return file;
    }

    /** What a pipeline does in its run folder. */
    @FunctionalInterface
    public interface Work<T> {
        T run() throws IOException;
    }

    /** What is undone when a run is interrupted. */
    @FunctionalInterface
    public interface Cleanup {
        void run() throws IOException;
    }

    /**
     * Does {@code work} in this folder: a failure is logged with its stack trace (so that it lands in {@code run.log})
     * and rethrown, for the command line to report in one line. When the process is stopped meanwhile (Ctrl-C,
     * SIGTERM), the folder says so: see {@link #interrupted}.
     */
    public <T> T execute(Work<T> work) throws IOException {
        Thread hook = new Thread(this::interrupted, "run-interrupted");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return work.run();
        } catch (RuntimeException | IOException | Error e) {
            if (interrupting) {
                parkUntilExit();   // the failure is the shutdown's doing: the hook tells what happened
            }
            LOG.error("run failed", e);
            throw e;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                parkUntilExit();   // nothing more may be written: the folder says "interrupted"
            }
        }
    }

    /** Waits for the interruption to be recorded, then for the JVM to halt (it does once its hooks are done). */
    private void parkUntilExit() {
        while (true) {
            try {
                recorded.await();
                Thread.sleep(Long.MAX_VALUE);
            } catch (InterruptedException ignored) {
                // keep waiting: the process is going away
            }
        }
    }

    /** Where the run is, for the line an interruption leaves in run.log ("after epoch 3 of 6"). */
    public void progress(String where) {
        progress = where;
    }

    /** How to go on after an interruption, e.g. "run the same command with --resume"; null: nothing to resume. */
    public void resumeHint(String hint) {
        resumeHint = hint;
    }

    /**
     * The report this run writes (its title, figure order and captions), which an interruption rewrites with a banner;
     * returns it.
     */
    public HtmlReport report(HtmlReport page) {
        this.report = page;
        return page;
    }

    /** Something to do when the run is interrupted: release a lock, remove a checkpoint that holds no epoch. */
    public void onInterrupt(Cleanup cleanup) {
        onInterrupt.add(cleanup);
    }

    /**
     * The run was stopped from outside while working: run.log gets "interrupted [progress] ([resume hint])",
     * summary.json (unless the run got as far as writing it) {@code {"status": "interrupted", …}}, report.html a
     * banner saying so, and the registered clean-ups run. Written directly to the files: logging may already be
     * shut down.
     */
    private void interrupted() {
        interrupting = true;
        try {
            record();
        } finally {
            recorded.countDown();
        }
    }

    private void record() {
        String line = "interrupted" + (progress.isEmpty() ? "" : " " + progress)
                + (resumeHint == null ? "" : " (" + resumeHint + ")");
        try {
            Files.writeString(resolve(LOG_FILE), LocalDateTime.now().format(LOG_TIME) + " WARN  ["
                    + Thread.currentThread().getName() + "] " + RunDirectory.class.getName() + " - " + line + "\n",
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            if (!Files.exists(resolve(SUMMARY_FILE))) {
                Map<String, Object> summary = new LinkedHashMap<>();
                summary.put("status", "interrupted");
                summary.put("interrupted_at", Instant.now().toString());
                summary.put("progress", progress);
                summary.put("resume", resumeHint);
                writeSummary(summary, provenance);   // as known: ND4J is not to be loaded while the JVM shuts down
            }
            HtmlReport page = report != null ? report : HtmlReport.forRun(path);
            page.refreshSeconds(0).banner("Run " + line + ".").write();
        } catch (IOException | RuntimeException | Error e) {
            System.err.println("could not record the interruption in " + path + ": " + e);
        }
        for (Cleanup cleanup : onInterrupt) {
            try {
                cleanup.run();
            } catch (IOException | RuntimeException e) {
                System.err.println("clean-up after the interruption failed: " + e);
            }
        }
        System.err.println(line + "; run folder " + path);
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
