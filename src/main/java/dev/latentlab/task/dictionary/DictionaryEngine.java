package dev.latentlab.task.dictionary;

import dev.latentlab.config.PatchDictionaryConfig;
import dev.latentlab.data.ImageSet;
import dev.latentlab.patches.DictionaryFit;
import dev.latentlab.patches.DictionaryMethod;
import dev.latentlab.patches.PatchCoder;
import dev.latentlab.report.MetricsCsv;
import java.io.IOException;

/**
 * Where a patch-dictionary run fits its dictionaries ({@code kmeans.engine}): in this JVM on ND4J, or on Apache
 * Spark. The pipeline opens the engine before it makes the run folder (so bad engine settings leave none), has it
 * cut the training patches once inside the run, fits each method and K, and closes it.
 */
public interface DictionaryEngine extends AutoCloseable {
    /** The metrics.csv columns every engine writes. */
    String[] METRICS_COLUMNS = {"method", "k", "iteration", "mse", "shift", "empty_clusters", "seconds"};

    /** Opens an engine for a run's config and training digits (the first {@code data.train_limit} of the file). */
    @FunctionalInterface
    interface Opener {
        DictionaryEngine open(PatchDictionaryConfig config, ImageSet train, int threads);
    }

    /** Cuts the training patches; fits append their rows to {@code metrics} (columns {@link #METRICS_COLUMNS}). */
    void prepare(MetricsCsv metrics) throws IOException;

    /** Training patches cut (after {@link #prepare}). */
    long patchesTotal();

    /** Training patches the dictionaries are fitted on (a sample of them, or all). */
    long patchesFit();

    /** Fits the codebook of one method and K. */
    DictionaryFit fit(DictionaryMethod method, int k) throws IOException;

    /**
     * MSE per pixel (0..255 scale) of a fit's codebook over every training patch cut, coded with the run's
     * {@code coder}: the fit's own figure for an engine that fits on all of them, as this default says.
     */
    default double trainMse(DictionaryFit fit, PatchCoder coder) {
        return fit.trainMse();
    }

    /** Frees the patches (and stops the engine). */
    @Override
    void close();
}
