package dev.latentlab.ui;

import dev.latentlab.BadInputException;
import dev.latentlab.vae.EpochStats;
import dev.latentlab.vae.TrainingListener;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.deeplearning4j.ui.VertxUIServer;
import org.deeplearning4j.ui.model.stats.StatsListener;
import org.deeplearning4j.ui.model.stats.impl.SbeStatsInitializationReport;
import org.deeplearning4j.ui.model.stats.impl.SbeStatsReport;
import org.deeplearning4j.ui.model.storage.InMemoryStatsStorage;
import org.nd4j.autodiff.listeners.Listener;
import org.nd4j.autodiff.listeners.impl.UIListener;

/**
 * The DL4J training UI for a run ({@code --ui}): deeplearning4j-ui's server on 127.0.0.1 with an in-memory stats
 * storage attached, fed by {@link #listener} — per batch the training loss (the UI's score chart), the learning
 * rate and the throughput; per epoch the validation loss in the log. The VAE is a SameDiff graph, not a DL4J
 * {@code Model}, so DL4J's {@code StatsListener} cannot collect these itself; the reports it would send are built
 * here from what the trainer measures. The graph itself: SameDiff's {@link UIListener} writes the graph and its
 * losses to {@value #GRAPH_LOG} in the run folder, which the UI's SameDiff page ({@link #graphUrl}) opens (the page
 * reads a file the browser picks; DL4J M2.1 serves no file list). Loaded only when {@code --ui} is given.
 */
public final class TrainingUi implements AutoCloseable {
    /** The file SameDiff's UIListener writes in the run folder: the graph's structure, then its losses. */
    public static final String GRAPH_LOG = "graph.sdui";

    private final Vertx vertx;
    private final VertxUIServer server;
    private final InMemoryStatsStorage storage = new InMemoryStatsStorage();
    private final String session = "latentlab-" + UUID.randomUUID().toString().substring(0, 8);
    private final int port;

    private TrainingUi(Vertx vertx, VertxUIServer server, int port) {
        this.vertx = vertx;
        this.server = server;
        this.port = port;
        server.attach(storage);
    }

    /** Starts the server on 127.0.0.1:{@code port}; a port in use is a bad input. */
    public static TrainingUi start(int port) {
        if (port < 1 || port > 65535) {
            throw new BadInputException("--ui-port " + port + ": expected a port number from 1 to 65535");
        }
        System.setProperty("org.deeplearning4j.ui.port", Integer.toString(port));
        Vertx vertx = Vertx.vertx();
        LoopbackUiServer server = new LoopbackUiServer();
        CompletableFuture<String> deployed = new CompletableFuture<>();
        vertx.deployVerticle(server, r -> {
            if (r.succeeded()) {
                deployed.complete(r.result());
            } else {
                deployed.completeExceptionally(r.cause());
            }
        });
        try {
            deployed.get(60, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException | InterruptedException e) {
            vertx.close();
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new BadInputException("--ui-port " + port + ": the UI server cannot listen on "
                    + LoopbackUiServer.HOST + ":" + port + " (" + cause.getMessage() + ")");
        }
        return new TrainingUi(vertx, server, port);
    }

    /** Where the training page is. */
    public String url() {
        return "http://" + LoopbackUiServer.HOST + ":" + port + "/train/overview";
    }

    /** Where the SameDiff graph page is (it opens a run's {@value #GRAPH_LOG}). */
    public String graphUrl() {
        return "http://" + LoopbackUiServer.HOST + ":" + port + "/samediff";
    }

    /**
     * A listener that reports to the UI: {@code modelName} and {@code parameters} describe the model on the
     * overview page, {@code learningRate} is the rate until the first epoch reports its own.
     */
    public TrainingListener listener(String modelName, long parameters, double learningRate) {
        String worker = "trainer";
        SbeStatsInitializationReport init = new SbeStatsInitializationReport();
        init.reportIDs(session, StatsListener.TYPE_ID, worker, System.currentTimeMillis());
        Runtime rt = Runtime.getRuntime();
        init.reportSoftwareInfo("latentlab", "SameDiff (ND4J)", System.getProperty("java.version"),
                System.getProperty("os.name"), System.getProperty("os.arch"), "", "", "", "", Map.of());
        init.reportHardwareInfo(rt.availableProcessors(), 0, rt.maxMemory(), 0, new long[0], new String[0],
                "localhost");
        init.reportModelInfo(modelName, null, new String[0], 0, parameters);
        storage.putStaticInfo(init);
        long start = System.currentTimeMillis();
        return new TrainingListener() {
            private int iteration;
            private double lr = learningRate;
            private Path graphLog;

            @Override
            public void runStarted(Path runDir) {
                graphLog = runDir.resolve(GRAPH_LOG);
                System.out.println("graph: " + graphUrl() + " (open " + graphLog + ")");
            }

            @Override
            public List<Listener> graphListeners() {
                return graphLog == null ? List.of() : List.of(UIListener.builder(graphLog.toFile())
                        .plotLosses(1).learningRate(1).build());
            }

            @Override
            public void batchDone(int epoch, int batch, int batches, double loss) {
                iteration++;
                long now = System.currentTimeMillis();
                double seconds = Math.max(1e-3, (now - start) / 1000.0);
                SbeStatsReport report = new SbeStatsReport();
                report.reportIDs(session, StatsListener.TYPE_ID, worker, now);
                report.reportIterationCount(iteration);
                report.reportScore(loss);
                report.reportLearningRates(Map.of("vae", lr));
                report.reportPerformance(now - start, 0, iteration, 0, iteration / seconds);
                storage.putUpdate(report);
            }

            @Override
            public void epochDone(EpochStats stats) {
                lr = stats.learningRate();
            }
        };
    }

    /** Keeps serving until the process is interrupted (Ctrl-C). */
    public void awaitInterrupt() {
        System.out.println("UI still serving at " + url() + " (--ui-wait); Ctrl-C to stop");
        try {
            new CompletableFuture<Void>().get();
        } catch (InterruptedException | ExecutionException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        try {
            server.detach(storage);
            server.stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            vertx.close();
        }
    }
}
