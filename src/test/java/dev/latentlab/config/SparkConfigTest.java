package dev.latentlab.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latentlab.clustering.KMeansOptions;
import dev.latentlab.patches.DictionaryMethod;
import dev.latentlab.patches.Tiling;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The spark: section's checks: master URL forms, Spark's size strings, spark.* conf keys, the solver. */
class SparkConfigTest {
    @Test
    void acceptsSparksMasterForms() {
        for (String master : new String[] {"local", "local[*]", "local[2]", "local[4,2]", "spark://10.0.0.1:7077",
                "spark://a:7077,b:7077", "yarn", "k8s://https://api:6443", "local-cluster[2,1,1024]"}) {
            assertThat(new SparkConfig(master, 0, null, Map.of()).master()).isEqualTo(master);
        }
        for (String bad : new String[] {"", "local[0]", "local[x]", "spark://host", "spark://host:port", "mesos", "127.0.0.1:7077"}) {
            assertThatThrownBy(() -> new SparkConfig(bad, 0, null, Map.of())).isInstanceOf(InvalidValueException.class)
                    .hasMessageContaining("master");
        }
    }

    @Test
    void readsSparkSizesAndRefusesMalformedOrTooSmallExecutorMemory() {
        assertThat(SparkConfig.bytes("512m")).isEqualTo(512L << 20);
        assertThat(SparkConfig.bytes("4g")).isEqualTo(4L << 30);
        assertThat(SparkConfig.bytes("2GB")).isEqualTo(2L << 30);
        assertThat(SparkConfig.bytes("1024")).isEqualTo(1024L << 20);
        assertThat(SparkConfig.bytes("1t")).isEqualTo(1L << 40);
        assertThat(SparkConfig.bytes("lots")).isEqualTo(-1);
        assertThat(SparkConfig.bytes("4 gigs")).isEqualTo(-1);
        assertThat(new SparkConfig("local[*]", 0, "450m", Map.of()).executorMemory()).isEqualTo("450m");
        for (String bad : new String[] {"lots", "4gigs", "449m", "-1g", "1.5g"}) {
            assertThatThrownBy(() -> new SparkConfig("local[*]", 0, bad, Map.of()))
                    .isInstanceOf(InvalidValueException.class).hasMessageContaining("executor_memory");
        }
    }

    @Test
    void confKeysMustBeSparkSettingsNotTheDedicatedKeys() {
        assertThat(new SparkConfig("local[*]", 0, null, Map.of("spark.local.dir", "/x")).conf())
                .containsEntry("spark.local.dir", "/x");
        assertThatThrownBy(() -> new SparkConfig("local[*]", 0, null, Map.of("local.dir", "/x")))
                .hasMessageContaining("conf.local.dir");
        assertThatThrownBy(() -> new SparkConfig("local[*]", 0, null, Map.of("spark.master", "yarn")))
                .hasMessageContaining("spark.master");
        assertThatThrownBy(() -> new SparkConfig("local[*]", -1, null, Map.of())).hasMessageContaining("partitions");
    }

    @Test
    void solverIsNativeByDefaultOrMllibAndNothingElse() {
        assertThat(SparkConfig.DEFAULTS.solver()).isEqualTo(SparkConfig.Solver.NATIVE);
        assertThat(new SparkConfig("local[*]", 0, null, Map.of()).solver()).isEqualTo(SparkConfig.Solver.NATIVE);
        assertThat(new SparkConfig("local[*]", 0, null, Map.of(), SparkConfig.Solver.MLLIB).solver())
                .isEqualTo(SparkConfig.Solver.MLLIB);
        assertThatThrownBy(() -> new SparkConfig("local[*]", 0, null, Map.of(), null))
                .isInstanceOf(InvalidValueException.class).hasMessage("solver = null: expected one of native, mllib");
    }

    @Test
    void theSparkEngineRefusesSolversThatCannotRunTheConfig() {
        PatchDictionaryConfig d = PatchDictionaryConfig.DEFAULTS;
        PatchDictionaryConfig.KMeans spark = new PatchDictionaryConfig.KMeans(PatchDictionaryConfig.Engine.SPARK,
                DictionaryMethod.LLOYD, KMeansOptions.Init.KMEANS_PLUS_PLUS, java.util.List.of(1, 8), 10, 1e-4, null,
                200_000, 4096, 10, 0, 0);
        PatchDictionaryConfig.KMeans spark8 = new PatchDictionaryConfig.KMeans(PatchDictionaryConfig.Engine.SPARK,
                DictionaryMethod.LLOYD, KMeansOptions.Init.KMEANS_PLUS_PLUS, java.util.List.of(8), 10, 1e-4, null,
                200_000, 4096, 10, 0, 0);
        PatchDictionaryConfig.Patches nine = new PatchDictionaryConfig.Patches(9, 1, true, Tiling.OVERLAP);
        SparkConfig mllib = new SparkConfig("local[*]", 0, null, Map.of(), SparkConfig.Solver.MLLIB);
        assertThatThrownBy(() -> new PatchDictionaryConfig(d.task(), d.name(), d.seed(), null, d.data(), nine,
                spark8, d.sparse(), SparkConfig.DEFAULTS, d.report(), d.output()))
                .hasMessageContaining("spark.solver").hasMessageContaining("mllib");
        assertThatThrownBy(() -> new PatchDictionaryConfig(d.task(), d.name(), d.seed(), null, d.data(), d.patches(),
                spark, d.sparse(), mllib, d.report(), d.output()))
                .hasMessageContaining("kmeans.k[0]").hasMessageContaining(">= 2");
        PatchDictionaryConfig.KMeans random = new PatchDictionaryConfig.KMeans(PatchDictionaryConfig.Engine.SPARK,
                DictionaryMethod.LLOYD, KMeansOptions.Init.RANDOM, java.util.List.of(8), 10, 1e-4, null, 200_000, 4096,
                10, 0, 0);
        assertThatThrownBy(() -> new PatchDictionaryConfig(d.task(), d.name(), d.seed(), null, d.data(), d.patches(),
                random, d.sparse(), mllib, d.report(), d.output()))
                .hasMessageContaining("kmeans.init").hasMessageContaining("kmeans++");
        assertThat(new PatchDictionaryConfig(d.task(), d.name(), d.seed(), null, d.data(), nine,
                spark8, d.sparse(), mllib, d.report(), d.output()).spark().solver())
                .isEqualTo(SparkConfig.Solver.MLLIB);
    }
}
