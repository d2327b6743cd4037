package dev.latentlab.task.dictionary;

import dev.latentlab.BadInputException;
import dev.latentlab.clustering.KMeansOptions;
import dev.latentlab.config.PatchDictionaryConfig;
import dev.latentlab.config.SparkConfig;
import dev.latentlab.data.ImageSet;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * The Apache Spark engine's entry points. Spark is built in only with {@code mvn -Pspark package} (its code is in
 * src/spark/java, registered as a {@link ServiceLoader} provider), so that the default build downloads and ships
 * no Spark; a jar built without it refuses {@code kmeans.engine: spark} in one line.
 */
public interface SparkBackend {
    /** Starts Spark for a run (bad settings: one line, nothing written); see {@link DictionaryEngine.Opener}. */
    DictionaryEngine open(PatchDictionaryConfig config, ImageSet train, int threads);

    /**
     * {@code bench spark-kmeans}: {@code iterations} Lloyd iterations of the Spark {@code solver} ({@code native} or
     * {@code mllib}) after {@code init} ({@code random} or {@code kmeans++}) on the patches of digits [0, digits) of
     * the idx file (each with {@code copies} generated copies); returns the benchmark's JSON record.
     */
    Record benchmark(Path trainImages, int digits, int copies, int k, int iterations, KMeansOptions.Init init,
                     SparkConfig.Solver solver, String master, int partitions, Map<String, String> conf, long seed);

    /** The Spark backend of this jar, if it was built with it. */
    static Optional<SparkBackend> find() {
        try {
            return ServiceLoader.load(SparkBackend.class).findFirst();
        } catch (ServiceConfigurationError e) {
            // A registration without its classes (a folder left over from a -Pspark build): no Spark here.
            return Optional.empty();
        }
    }

    /** The Spark backend, or a refusal naming {@code what} asked for it (exit 2) when this jar has none. */
    static SparkBackend require(String what) {
        return find().orElseThrow(() -> new BadInputException(what + ": " + SparkConfig.NOT_BUILT));
    }
}
