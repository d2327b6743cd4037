package dev.latentlab.task.sweep;

import java.io.File;
import java.io.IOException;
import java.io.Serializable;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs one candidate in a JVM of its own: {@code java … dev.latentlab.Trainer --config <its resolved YAML>} in a
 * given working folder, limited to {@code threads} cores (OpenMP, OpenBLAS and so ND4J through their environment
 * variables, which are read once per process; Java's pools through {@code -XX:ActiveProcessorCount}). A JVM per
 * candidate is what lets candidates run side by side: ND4J's thread counts and a run's run.log are per process.
 * The child reads its stdin to the end and halts there ({@code -Dlatentlab.exit_with_parent=true}), so it never
 * outlives the JVM that started it (a killed Spark executor takes its candidate with it).
 */
public final class ChildJvm {
    /** The system property that makes the CLI halt when its stdin closes. */
    public static final String EXIT_WITH_PARENT = "latentlab.exit_with_parent";
    private static final String RUN_FOLDER = "run folder: ";
    private static final List<String> THREAD_VARIABLES = List.of("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS",
            "MKL_NUM_THREADS");

    private ChildJvm() {
    }

    /**
     * How a child run ended.
     *
     * @param exitCode the CLI's exit code (0 ok, 1 the run failed, 2 a mistake in its config)
     * @param runDir   the run folder it printed, or null
     * @param error    its last error line (null when it exited 0)
     */
    public record Result(int exitCode, String runDir, String error) implements Serializable {
        /**
         * The run folder of {@code job}'s run when it finished; else a {@link CandidateRunFailed} with the error and
         * the run folder the failed run made, if any (a failed run prints none: it is looked up by the job's name).
         */
        public Path runFolder(CandidateJob job) throws IOException {
            if (exitCode == 0 && runDir != null) {
                return Path.of(runDir);
            }
            throw new CandidateRunFailed(error == null ? "exit code " + exitCode : error, runDir != null
                    ? Path.of(runDir) : CandidateFolders.newest(job.runsDir(), job.name()).orElse(null));
        }
    }

    /** This JVM's own options (heap, system properties, add-opens), without debugger or agent options. */
    public static List<String> inheritedOptions() {
        List<String> options = new ArrayList<>();
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (!a.startsWith("-agentlib") && !a.startsWith("-agentpath") && !a.startsWith("-javaagent")
                    && !a.startsWith("-Xrunjdwp") && !a.startsWith("-XX:ActiveProcessorCount")
                    && !a.startsWith("-D" + EXIT_WITH_PARENT)) {
                options.add(a);
            }
        }
        return options;
    }

    /** This JVM's class path, each entry absolute. */
    public static List<String> classPath() {
        List<String> entries = new ArrayList<>();
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!e.isEmpty()) {
                entries.add(e.endsWith("*") ? e : Path.of(e).toAbsolutePath().toString());
            }
        }
        return entries;
    }

    /**
     * Runs the config {@code yaml} in a child JVM in {@code workDir} with {@code classPath} and {@code options},
     * limited to {@code threads} cores; waits for it. Interrupted, the child is killed.
     */
    public static Result run(String yaml, Path workDir, List<String> classPath, List<String> options, int threads)
            throws IOException, InterruptedException {
        Path config = Files.createTempFile("latentlab-candidate-", ".yaml");
        Path output = Files.createTempFile("latentlab-candidate-", ".log");
        try {
            Files.writeString(config, yaml);
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.add("-D" + EXIT_WITH_PARENT + "=true");
            command.add("-XX:ActiveProcessorCount=" + threads);
            command.addAll(options);
            command.addAll(List.of("-cp", String.join(File.pathSeparator, classPath), "dev.latentlab.Trainer",
                    "--config", config.toString()));
            ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                    .redirectErrorStream(true).redirectOutput(output.toFile());
            Map<String, String> env = builder.environment();
            THREAD_VARIABLES.forEach(v -> env.put(v, String.valueOf(threads)));
            Process child = builder.start(); // its stdin stays open until this JVM ends: see EXIT_WITH_PARENT
            try {
                int code = child.waitFor();
                return result(code, Files.readAllLines(output, StandardCharsets.UTF_8));
            } finally {
                child.destroyForcibly();
                child.getOutputStream().close();
            }
        } finally {
            Files.deleteIfExists(config);
            Files.deleteIfExists(output);
        }
    }

    private static Result result(int code, List<String> lines) {
        String runDir = null;
        String error = null;
        for (String line : lines) {
            if (line.startsWith(RUN_FOLDER)) {
                runDir = line.substring(RUN_FOLDER.length()).strip();
            } else if (line.startsWith("error: ") || line.startsWith("run failed: ")) {
                error = line.strip();
            }
        }
        if (code != 0 && error == null) {
            error = "exit code " + code + lines.stream().filter(l -> !l.isBlank()).reduce((a, b) -> b)
                    .map(l -> ": " + l.strip()).orElse("");
        }
        return new Result(code, runDir, code == 0 ? null : error);
    }
}
