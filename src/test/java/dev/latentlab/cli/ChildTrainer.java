package dev.latentlab.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code dev.latentlab.Trainer} in a child JVM on the test classpath (so that a test can {@code kill -9} it):
 * stdout and stderr merged and collected line by line.
 */
final class ChildTrainer implements AutoCloseable {
    private final Process process;
    private final List<String> lines = new ArrayList<>();
    private final Thread reader;

    private ChildTrainer(Process process) {
        this.process = process;
        reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    synchronized (lines) {
                        lines.add(line);
                        lines.notifyAll();
                    }
                }
            } catch (IOException ignored) {
                // the process was killed
            }
        }, "child-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts the trainer with {@code args}; {@code systemProperties} are {@code key=value} pairs. */
    static ChildTrainer start(List<String> systemProperties, List<String> args) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx1g", "-Dorg.bytedeco.javacpp.maxbytes=2G",
                "-Dorg.bytedeco.javacpp.maxphysicalbytes=3G", "-cp", System.getProperty("java.class.path")));
        systemProperties.forEach(p -> command.add("-D" + p));
        command.add("dev.latentlab.Trainer");
        command.addAll(args);
        try {
            return new ChildTrainer(new ProcessBuilder(command).redirectErrorStream(true).start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Starts {@code target/trainer.jar} with {@code java -jar}, as a user does, in the working folder {@code workDir}:
     * the jar's own manifest class path, not the test's (built before the tests, see pom.xml).
     */
    static ChildTrainer startJar(Path workDir, List<String> args) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx1g", "-Dorg.bytedeco.javacpp.maxbytes=2G",
                "-Dorg.bytedeco.javacpp.maxphysicalbytes=3G", "-jar", JAR.toString()));
        command.addAll(args);
        try {
            return new ChildTrainer(new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                    .start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The built jar that {@link #startJar} runs. */
    static final Path JAR = Path.of("target", "trainer.jar").toAbsolutePath();

    long pid() {
        return process.pid();
    }

    /** Waits until a line containing {@code text} is printed; false when the process ends or time runs out first. */
    boolean awaitLine(String text, long seconds) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        synchronized (lines) {
            while (lines.stream().noneMatch(l -> l.contains(text))) {
                long left = TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime());
                if (left <= 0 || (!process.isAlive() && lines.stream().noneMatch(l -> l.contains(text)))) {
                    return false;
                }
                lines.wait(Math.min(left, 100));
            }
            return true;
        }
    }

    /** SIGTERM (what {@code kill} and a closing terminal send; Ctrl-C's SIGINT takes the same path), then waits. */
    int terminate() throws InterruptedException {
        process.destroy();
        int code = process.waitFor();
        reader.join(10_000);   // everything it printed, up to its last line
        return code;
    }

    /** SIGKILL (what {@code kill -9} sends), then waits for the process to be gone. */
    void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** Waits for the exit code; -1 when it runs past {@code seconds} (the process is then killed). */
    int waitFor(long seconds) throws InterruptedException {
        return waitForOrKill(TimeUnit.SECONDS.toMillis(seconds));
    }

    /** Waits up to {@code millis} for the exit code; -1 when it runs past that (the process is then killed). */
    int waitForOrKill(long millis) throws InterruptedException {
        if (!process.waitFor(millis, TimeUnit.MILLISECONDS)) {
            kill9();
            return -1;
        }
        return process.exitValue();
    }

    /** The last line printed so far ("" before any). */
    String lastLine() {
        synchronized (lines) {
            return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
        }
    }

    String output() {
        synchronized (lines) {
            return String.join("\n", lines);
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill9();
        }
    }
}
