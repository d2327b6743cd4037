package dev.latentlab.task.dictionary;

import dev.latentlab.clustering.IterationStats;
import dev.latentlab.patches.DictionaryFitter;
import dev.latentlab.patches.DictionaryMethod;
import dev.latentlab.report.MetricsCsv;
import dev.latentlab.report.Progress;
import dev.latentlab.report.Significant;
import java.io.IOException;

/**
 * What an engine shows of one fit while it runs: each iteration steps the progress bar (with its MSE) and each
 * logged iteration is a metrics.csv row. A failed write is kept (the fit goes on) and thrown by {@link #rethrow}.
 */
public final class FitProgress implements DictionaryFitter.Listener {
    private final Progress progress;
    private final MetricsCsv metrics;
    private final String method;
    private final int k;
    private IOException failure;

    /** Rows of {@code method} and {@code k} into {@code metrics}, steps on {@code progress}. */
    public FitProgress(Progress progress, MetricsCsv metrics, DictionaryMethod method, int k) {
        this.progress = progress;
        this.metrics = metrics;
        this.method = method.configName();
        this.k = k;
    }

    @Override
    public void iteration(IterationStats s, double mse, boolean logged) {
        progress.setExtraMessage("mse " + Significant.four(mse));
        progress.step();
        if (logged && failure == null) {
            try {
                metrics.append(method, k, s.iteration(), mse, s.shift(), s.emptyClusters(), s.seconds());
            } catch (IOException e) {
                failure = e;
            }
        }
    }

    /** Throws the first metrics.csv write that failed, if any. */
    public void rethrow() throws IOException {
        if (failure != null) {
            throw failure;
        }
    }
}
