package dev.latentlab.task.vaegmm;

import dev.latentlab.report.MetricsCsv;
import dev.latentlab.report.Progress;
import dev.latentlab.report.RunDirectory;
import dev.latentlab.report.Significant;
import dev.latentlab.vae.EpochStats;
import dev.latentlab.vae.LossTerms;
import dev.latentlab.vae.TrainingListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.nd4j.autodiff.listeners.Listener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shows VAE training as it goes: a progress bar over the epochs (ETA), one over each epoch's batches, a log line
 * per epoch, a metrics.csv row per epoch, and after every epoch the loss curves and a self-refreshing report.html,
 * so a run in progress can be watched in a browser. Another listener (the {@code --ui} server's) can ride along.
 */
final class EpochReporter implements TrainingListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EpochReporter.class);

    /** Seconds between reloads of the live report.html. */
    static final int REFRESH_SECONDS = 30;

    private final MetricsCsv metrics;
    private final Progress epochs;
    private final RunDirectory run;
    private final String title;
    private final TrainingListener also;
    private final LossTerms terms;
    private final java.util.List<EpochStats> history = new java.util.ArrayList<>();
    private Progress batches;
    private final int maxEpochs;
    private final String resumeHint;

    /** {@code resumeHint}: what an interruption after a finished epoch should tell (null: nothing to resume). */
    EpochReporter(RunDirectory run, int maxEpochs, String title, LossTerms terms, TrainingListener also,
                  String resumeHint)
            throws IOException {
        this.run = run;
        this.maxEpochs = maxEpochs;
        this.resumeHint = resumeHint;
        this.title = title;
        this.terms = terms;
        this.also = also;
        this.metrics = MetricsCsv.create(run.resolve(MetricsCsv.DEFAULT_FILE), "epoch", "train_loss",
                terms.column("train"), "train_kld", "val_loss", terms.column("val"), "val_kld", "lr", "seconds",
                "improved");
        this.epochs = Progress.start("VAE training", maxEpochs, "epochs");
        also.runStarted(run.path());
    }

    @Override
    public List<Listener> graphListeners() {
        return also.graphListeners();
    }

    /** Writes the earlier epochs' rows first, so that metrics.csv holds the whole history from epoch 1. */
    @Override
    public void resumedAfter(List<EpochStats> earlier) {
        for (EpochStats s : earlier) {
            append(s);
            epochs.step();
        }
        if (!earlier.isEmpty()) {
            LOG.info("resumed after epoch {}: metrics.csv starts with the {} epochs trained before",
                    earlier.get(earlier.size() - 1).epoch(), earlier.size());
            run.progress("after epoch " + earlier.get(earlier.size() - 1).epoch() + " of " + maxEpochs);
            run.resumeHint(resumeHint);
        }
    }

    @Override
    public void batchDone(int epoch, int batch, int total, double loss) {
        also.batchDone(epoch, batch, total, loss);
        if (batches == null) {
            batches = Progress.start("epoch " + epoch, total, "batches");
            run.progress("in epoch " + epoch + " of " + maxEpochs);
        }
        batches.setExtraMessage("loss " + Significant.four(loss));
        batches.step();
        if (batch >= total) {
            batches.close();
            batches = null;
        }
    }

    @Override
    public void epochDone(EpochStats s) {
        if (batches != null) {
            batches.close();
            batches = null;
        }
        String r = terms.reconstruction();
        LOG.info("epoch {}: train loss {} ({} {}, KLD {}), val loss {} ({} {}, KLD {}), lr {}, {} s{}", s.epoch(),
                Significant.four(s.train().loss()), r, Significant.four(s.train().bce()),
                Significant.four(s.train().kld()), Significant.four(s.validation().loss()), r,
                Significant.four(s.validation().bce()), Significant.four(s.validation().kld()), s.learningRate(),
                Significant.four(s.seconds()), s.improved() ? " *" : "");
        epochs.setExtraMessage("val loss " + Significant.four(s.validation().loss()));
        epochs.step();
        append(s);
        run.progress("after epoch " + s.epoch() + " of " + maxEpochs);
        run.resumeHint(resumeHint);
    }

    private void append(EpochStats s) {
        try {
            metrics.append(s.epoch(), s.train().loss(), s.train().bce(), s.train().kld(), s.validation().loss(),
                    s.validation().bce(), s.validation().kld(), s.learningRate(), s.seconds(), s.improved());
            history.add(s);
            VaeFigures.lossCurves(run.path(), history, terms);
            run.report(dev.latentlab.report.HtmlReport.forRun(run.path()).title(title)
                    .imageOrder(java.util.List.of(VaeFigures.LOSS, VaeFigures.LOSS_TERMS)).captions(VaeFigures::caption))
                    .refreshSeconds(REFRESH_SECONDS).write();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        also.epochDone(s);
    }

    @Override
    public void close() {
        if (batches != null) {
            batches.close();
        }
        epochs.close();
    }
}
