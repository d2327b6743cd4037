package dev.latentlab.task.dictionary;

import dev.latentlab.clustering.KMeansOptions;
import dev.latentlab.config.PatchDictionaryConfig;
import dev.latentlab.patches.DictionaryFitter;
import dev.latentlab.patches.SparseCodingOptions;

/** The option records of a patch-dictionary run's fits, from its config; every engine fits with these. */
public final class FitOptions {
    private FitOptions() {
    }

    /** The fits' options from a run's config (k = 1 stands for each fit's K). */
    public static DictionaryFitter.Options of(PatchDictionaryConfig config, int threads) {
        PatchDictionaryConfig.KMeans km = config.kmeans();
        KMeansOptions kmeans = new KMeansOptions(1, km.init(), km.maxIter(), km.tol(), km.initSample(),
                km.batchSize(), km.maxNoImprovement(), config.seed(), threads, km.tileRows());
        PatchDictionaryConfig.Sparse sp = config.sparse();
        SparseCodingOptions sparse = new SparseCodingOptions(1, sp.nonZeros(), sp.maxIter(), sp.tol(), km.initSample(),
                config.seed(), threads);
        return new DictionaryFitter.Options(kmeans, sparse);
    }
}
