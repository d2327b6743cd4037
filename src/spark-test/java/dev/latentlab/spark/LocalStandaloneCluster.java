package dev.latentlab.spark;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real Spark standalone cluster for tests: a Master and N Workers, each a separate JVM on 127.0.0.1 with free
 * ports, started from spark-core's own classes. Their "Spark installation" is a temporary SPARK_HOME whose
 * {@code jars/} links every jar of the test classpath but none of the application's class folders: executors get
 * the application's classes only from the jar the driver ships. {@link #close} kills every process it started
 * (executors included); output goes to log files in the cluster's folder.
 */
public final class LocalStandaloneCluster implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(240);
    /** The add-opens Spark needs on Java 17 (surefire's argLine has the same list). */
    private static final List<String> ADD_OPENS = List.of("java.lang", "java.lang.invoke", "java.lang.reflect",
            "java.io", "java.net", "java.nio", "java.util", "java.util.concurrent", "java.util.concurrent.atomic",
            "jdk.internal.ref", "sun.nio.ch", "sun.nio.cs", "sun.security.action", "sun.util.calendar");

    private final Path home;
    private final int port;
    private final int webPort;
    private final List<Process> processes = new ArrayList<>();

    private LocalStandaloneCluster(Path home, int port, int webPort) {
        this.home = home;
        this.port = port;
        this.webPort = webPort;
    }

    /** Starts a master and {@code workers} workers of {@code cores} cores and {@code memory} each; waits until all registered. */
    public static LocalStandaloneCluster start(Path dir, int workers, int cores, String memory)
            throws IOException, InterruptedException {
        Path home = dir.resolve("spark-home");
        Path jars = Files.createDirectories(home.resolve("jars"));
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        for (String entry : classpath.split(File.pathSeparator)) {
            Path p = Path.of(entry);
            if (entry.endsWith(".jar") && Files.isRegularFile(p) && !Files.exists(jars.resolve(p.getFileName()))) {
                Files.createSymbolicLink(jars.resolve(p.getFileName()), p.toAbsolutePath());
            }
        }
        LocalStandaloneCluster cluster = new LocalStandaloneCluster(home, freePort(), freePort());
        try {
            cluster.launch("master", "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1",
                    "--port", String.valueOf(cluster.port), "--webui-port", String.valueOf(cluster.webPort));
            cluster.awaitWorkers(0);
            for (int w = 0; w < workers; w++) {
                Path workDir = Files.createDirectories(dir.resolve("worker" + w));
                cluster.launch("worker" + w, "org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1",
                        "--port", String.valueOf(freePort()), "--webui-port", String.valueOf(freePort()),
                        "--cores", String.valueOf(cores), "--memory", memory, "--work-dir", workDir.toString(),
                        cluster.masterUrl());
            }
            cluster.awaitWorkers(workers);
            return cluster;
        } catch (IOException | InterruptedException | RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    /** {@code spark://127.0.0.1:<port>}. */
    public String masterUrl() {
        return "spark://127.0.0.1:" + port;
    }

    /** The master's JSON status page ({@code /json}). */
    public String status() throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + webPort + "/json/"))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    /** The number of applications the master has seen finish. */
    public int completedApps() throws IOException, InterruptedException {
        Matcher m = Pattern.compile("\"completedapps\"\\s*:\\s*\\[(.*?)]", Pattern.DOTALL).matcher(status());
        return m.find() ? (int) Pattern.compile("\"id\"").matcher(m.group(1)).results().count() : 0;
    }

    private void launch(String name, String mainClass, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", home.resolve("jars") + File.separator + "*"));
        ADD_OPENS.forEach(p -> command.add("--add-opens=java.base/" + p + "=ALL-UNNAMED"));
        command.add(mainClass);
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(home.resolveSibling(name + ".log").toFile());
        builder.directory(home.getParent().toFile());
        Map<String, String> env = builder.environment();
        env.put("SPARK_HOME", home.toString());
        env.put("SPARK_SCALA_VERSION", "2.12");
        env.remove("SPARK_CONF_DIR");
        processes.add(builder.start());
    }

    /** Waits until the master answers and has {@code n} alive workers. */
    private void awaitWorkers(int n) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        Pattern alive = Pattern.compile("\"aliveworkers\"\\s*:\\s*(\\d+)");
        String last = "";
        while (System.nanoTime() < deadline) {
            for (Process p : processes) {
                if (!p.isAlive()) {
                    throw new IOException("a Spark process exited with " + p.exitValue() + "; see the logs in " + home.getParent());
                }
            }
            try {
                last = status();
                Matcher m = alive.matcher(last);
                if (m.find() && Integer.parseInt(m.group(1)) >= n) {
                    return;
                }
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(250);
        }
        throw new IOException("the Spark cluster did not get " + n + " workers within " + START_TIMEOUT + " (" + last + ")");
    }

    /**
     * Kills, as if its machine died, the first worker one of whose descendants (its executor, or a process the
     * executor started) has {@code fragment} in its command line: the worker and all its descendants at once, by
     * SIGKILL. Returns the worker's number, or -1 when no worker runs such a process.
     */
    public int killWorkerRunning(String fragment) {
        for (int i = 1; i < processes.size(); i++) {
            Process worker = processes.get(i);
            List<ProcessHandle> tree = worker.descendants().toList();
            boolean runs = tree.stream().anyMatch(h -> h.info().commandLine().orElse("").contains(fragment));
            if (runs && worker.isAlive()) {
                worker.destroyForcibly();
                tree.forEach(ProcessHandle::destroyForcibly);
                return i - 1;
            }
        }
        return -1;
    }

    /** Kills the workers' executors, the workers and the master, and waits for them to exit. */
    @Override
    public void close() {
        List<ProcessHandle> all = new ArrayList<>();
        for (Process p : processes) {
            p.descendants().forEach(all::add);
            all.add(p.toHandle());
        }
        all.forEach(ProcessHandle::destroy);
        for (ProcessHandle h : all) {
            try {
                h.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception e) {
                h.destroyForcibly();
            }
        }
        processes.clear();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
