package dev.latentlab.spark;

import dev.latentlab.BadInputException;
import dev.latentlab.config.SparkConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a Spark context from the {@code spark:} section, or refuses with one line naming the key: a standalone
 * master that does not answer, a cluster that starts no executor, any setting Spark itself rejects. Under
 * {@code spark-submit} the submitted master and jars win over the config's.
 */
final class SparkContexts {
    private static final Logger LOG = LoggerFactory.getLogger(SparkContexts.class);
    private static final int CONNECT_TIMEOUT_MS = 5_000;
    /** How long a cluster may take to start the first executor before the settings are blamed. */
    private static final long EXECUTOR_WAIT_MS = 120_000;

    private SparkContexts() {
    }

    /** A started context for application {@code appName}. */
    static JavaSparkContext start(SparkConfig settings, String appName) {
        SparkConf conf = new SparkConf();
        if (!conf.contains("spark.master")) {
            conf.setMaster(settings.master());
        }
        String master = conf.get("spark.master");
        conf.setAppName("latentlab " + appName);
        conf.setIfMissing("spark.ui.enabled", "false");
        if (settings.executorMemory() != null) {
            conf.set("spark.executor.memory", settings.executorMemory());
        }
        for (Map.Entry<String, String> e : settings.conf().entrySet()) {
            conf.set(e.getKey(), e.getValue());
        }
        boolean local = SparkConfig.isLocal(master);
        if (!local && !conf.contains("spark.jars")) {
            try {
                conf.setJars(new String[] {AppJar.locate().toString()});
            } catch (IOException e) {
                throw new IllegalStateException("cannot ship the application jar: " + e.getMessage(), e);
            }
        }
        if (master.startsWith("spark://")) {
            checkReachable(master);
        }
        JavaSparkContext context;
        try {
            context = new JavaSparkContext(conf);
        } catch (Exception | LinkageError e) { // Scala code throws checked exceptions too (ClassNotFoundException)
            LOG.debug("Spark did not start", e);
            throw new BadInputException("spark: Spark did not start with master " + master + " ("
                    + firstLine(e) + "); check spark.master, spark.executor_memory and spark.conf");
        }
        LOG.info("Spark {} started: master {}, default parallelism {}", context.version(), master,
                context.defaultParallelism());
        if (!local) {
            awaitExecutor(context, master, settings);
        }
        return context;
    }

    /** Each host:port of a standalone master URL must accept a connection. */
    private static void checkReachable(String master) {
        for (String hostPort : master.substring("spark://".length()).split(",")) {
            int colon = hostPort.lastIndexOf(':');
            String host = hostPort.substring(0, colon);
            int port = Integer.parseInt(hostPort.substring(colon + 1));
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MS);
            } catch (IOException | IllegalArgumentException e) {
                throw new BadInputException("spark.master = " + master + ": cannot connect to " + hostPort + " ("
                        + e.getMessage() + "); expected a running Spark master");
            }
        }
    }

    private static void awaitExecutor(JavaSparkContext context, String master, SparkConfig settings) {
        long deadline = System.currentTimeMillis() + EXECUTOR_WAIT_MS;
        // The driver is listed among the executors: a cluster's first executor makes two.
        while (context.sc().statusTracker().getExecutorInfos().length < 2) {
            if (System.currentTimeMillis() > deadline) {
                context.stop();
                throw new BadInputException("spark.master = " + master + ": no executor started within "
                        + EXECUTOR_WAIT_MS / 1000 + " s (does a worker offer spark.executor_memory = "
                        + (settings.executorMemory() == null ? "1g (default)" : settings.executorMemory()) + "?)");
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                context.stop();
                throw new IllegalStateException("interrupted while waiting for Spark executors", e);
            }
        }
    }

    private static String firstLine(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.lines().findFirst().orElse("").trim();
    }
}
