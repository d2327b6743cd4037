package dev.latentlab.spark;

import dev.latentlab.clustering.KMeansOptions;
import dev.latentlab.config.PatchDictionaryConfig;
import dev.latentlab.config.SparkConfig;
import dev.latentlab.data.ImageSet;
import dev.latentlab.task.dictionary.DictionaryEngine;
import dev.latentlab.task.dictionary.SparkBackend;
import java.nio.file.Path;
import java.util.Map;

/**
 * The {@link SparkBackend} of a {@code -Pspark} build (registered in META-INF/services). No Spark type appears in
 * its signatures, so finding it loads no Spark class.
 */
public final class MllibSparkBackend implements SparkBackend {
    @Override
    public DictionaryEngine open(PatchDictionaryConfig config, ImageSet train, int threads) {
        return SparkDictionaryEngine.open(config, train, threads);
    }

    @Override
    public Record benchmark(Path trainImages, int digits, int copies, int k, int iterations, KMeansOptions.Init init,
                            SparkConfig.Solver solver, String master, int partitions, Map<String, String> conf,
                            long seed) {
        return SparkKMeansBenchmark.run(trainImages, digits, copies, k, iterations, init, solver, master, partitions,
                conf, seed);
    }
}
