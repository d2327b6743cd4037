package dev.latentlab.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.latentlab.BadInputException;
import dev.latentlab.clustering.KMeansOptions;
import dev.latentlab.data.ImageSource;
import dev.latentlab.latent.ComponentSelection;
import dev.latentlab.mixture.GmmOptions;
import dev.latentlab.patches.DictionaryMethod;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The closed option sets of every task config bind to enums ({@link OptionNames}): the YAML names are the same as
 * ever, each binds to its constant and is written back unchanged, and anything else is refused in one line naming
 * the key path and the allowed names, as {@link Check#oneOf} words it.
 */
class OptionKeysTest {
    private static final Map<String, Class<? extends Record>> TASKS = Map.of(
            PatchDictionaryConfig.TASK, PatchDictionaryConfig.class, VaeGmmConfig.TASK, VaeGmmConfig.class,
            LatentGmmConfig.TASK, LatentGmmConfig.class, QuantizeConfig.TASK, QuantizeConfig.class,
            SweepConfig.TASK, SweepConfig.class);

    private static Record bind(String config, String... overrides) {
        LoadedConfig loaded = ConfigLoader.load(Path.of("configs", config), List.of(overrides));
        return loaded.bind(TASKS.get(loaded.task()));
    }

    /** Config, key path, the names it accepts (in the order a refusal lists them). */
    static Stream<Arguments> optionKeys() {
        String gmmInits = "kmeans, k-means++, random, random_from_data";
        return Stream.of(
                Arguments.of("kmeans_quick.yaml", "kmeans.engine", "nd4j, spark"),
                Arguments.of("kmeans_quick.yaml", "kmeans.algorithm", "lloyd, minibatch"),
                Arguments.of("kmeans_quick.yaml", "kmeans.init", "kmeans++, random"),
                Arguments.of("kmeans_quick.yaml", "data.source", "mnist, fashion-mnist, folder"),
                Arguments.of("kmeans_quick.yaml", "data.invert", "auto, yes, no"),
                Arguments.of("kmeans_quick.yaml", "patches.tiling", "overlap, padded"),
                Arguments.of("kmeans_quick.yaml", "spark.solver", "native, mllib"),
                Arguments.of("patch_methods_quick.yaml", "methods[0]", "lloyd, minibatch, sparse"),
                Arguments.of("vae_148_quick.yaml", "data.source", "mnist, fashion-mnist, npz, folder"),
                Arguments.of("vae_148_quick.yaml", "data.invert", "auto, yes, no"),
                Arguments.of("vae_148_quick.yaml", "data.layout", "auto, nhw, nhwc, nchw"),
                Arguments.of("vae_148_quick.yaml", "data.scale", "auto, none, max"),
                Arguments.of("vae_148_quick.yaml", "data.split", "train, all"),
                Arguments.of("vae_148_quick.yaml", "model.type", "conv, dense"),
                Arguments.of("n2d_digits_quick.yaml", "model.loss", "bce, mse"),
                Arguments.of("vae_148_quick.yaml", "gmm.covariance", "full, diag, spherical"),
                Arguments.of("vae_148_quick.yaml", "gmm.init", gmmInits),
                Arguments.of("vae_148_quick.yaml", "gmm.embedding", "none, umap"),
                Arguments.of("latent_gmm.yaml", "select_by", "val_accuracy, bic"),
                Arguments.of("latent_gmm.yaml", "gmm.covariance", "full, diag, spherical"),
                Arguments.of("quantize_quick.yaml", "methods[0]", "kmeans, minibatch, gmm, random, gmm_sample"),
                Arguments.of("quantize_quick.yaml", "gmm.covariance", "full, diag, spherical"),
                Arguments.of("quantize_quick.yaml", "gmm.init", gmmInits),
                Arguments.of("sweep_k_quick.yaml", "search.method", "grid, random"),
                Arguments.of("sweep_k_quick.yaml", "search.executor", "local, spark"),
                Arguments.of("sweep_k_quick.yaml", "objective.direction", "maximize, minimize"),
                Arguments.of("sweep_k_quick.yaml", "spark.solver", "native, mllib"));
    }

    /** The {@code --set} that writes {@code value} (YAML text) at {@code key}; {@code methods[0]} writes a list. */
    private static String set(String key, String value) {
        return key.endsWith("[0]") ? key.replace("[0]", "") + "=[" + value + "]" : key + "=" + value;
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("optionKeys")
    void aValueOutsideTheSetIsRefusedInOneLineNamingTheKeyAndTheAllowedNames(String config, String key, String allowed) {
        for (String value : List.of("bogus", "3", "null", "[a, b]", "{a: 1}")) {
            String set = set(key, value);
            String shown = value.equals("bogus") || value.equals("3") ? "\"" + value + "\""
                    : value.equals("[a, b]") ? "[\"a\", \"b\"]" : value;
            assertThatThrownBy(() -> bind(config, set)).as(set).isInstanceOf(BadInputException.class)
                    .hasMessage("--set " + set + ": " + key + " = " + shown + ": expected one of " + allowed);
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("optionKeys")
    void everyAllowedNameBindsAndIsWrittenBackUnchanged(String config, String key, String allowed) throws Exception {
        for (String name : allowed.split(", ")) {
            Record bound;
            try {
                bound = bind(config, set(key, "\"" + name + "\""));
            } catch (BadInputException e) {
                // another key refuses this combination (data.split all with an npz source, ...): not this key's fault
                assertThat(e.getMessage()).as(name).doesNotContain(": " + key + " = ");
                continue;
            }
            JsonNode written = YamlText.parse(ConfigYaml.toYaml(bound));
            String pointer = "/" + key.replace("[0]", "/0").replace('.', '/');
            assertThat(written.at(pointer).textValue()).as(key).isEqualTo(name);
        }
    }

    @Test
    void aKeyTakingPartOfItsTypeListsOnlyThatPart() {
        assertThatThrownBy(() -> bind("kmeans_quick.yaml", "data.source=npz")).isInstanceOf(BadInputException.class)
                .hasMessage("--set data.source=npz: data.source = \"npz\": expected one of mnist, fashion-mnist, folder");
        assertThatThrownBy(() -> bind("kmeans_quick.yaml", "kmeans.algorithm=sparse"))
                .hasMessage("--set kmeans.algorithm=sparse: kmeans.algorithm = \"sparse\": expected one of lloyd, "
                        + "minibatch");
        assertThatThrownBy(() -> bind("kmeans_quick.yaml", "kmeans.algorithm=LLOYD"))
                .hasMessage("--set kmeans.algorithm=LLOYD: kmeans.algorithm = \"LLOYD\": expected one of lloyd, "
                        + "minibatch (did you mean lloyd?)");
        // a Java enum name is no config name, nor is YAML's boolean yes (write "yes")
        assertThatThrownBy(() -> bind("kmeans_quick.yaml", "kmeans.init=KMEANS_PLUS_PLUS"))
                .hasMessageContaining("expected one of kmeans++, random");
        assertThatThrownBy(() -> bind("kmeans_quick.yaml", "data.invert=yes"))
                .hasMessage("--set data.invert=yes: data.invert = \"true\": expected one of auto, yes, no");
    }

    @Test
    void optionsBindToTheCoresOwnEnums() {
        PatchDictionaryConfig patches = (PatchDictionaryConfig) bind("patch_methods_quick.yaml",
                "kmeans.init=random", "data.source=fashion-mnist");
        assertThat(patches.methods()).containsExactly(DictionaryMethod.LLOYD, DictionaryMethod.MINIBATCH,
                DictionaryMethod.SPARSE);
        assertThat(patches.kmeans().init()).isEqualTo(KMeansOptions.Init.RANDOM);
        assertThat(patches.data().source()).isEqualTo(ImageSource.Kind.FASHION_MNIST);
        LatentGmmConfig latent = (LatentGmmConfig) bind("latent_gmm.yaml", "select_by=val_accuracy",
                "gmm.init=k-means++");
        assertThat(latent.selectBy()).isEqualTo(ComponentSelection.Criterion.VAL_ACCURACY);
        assertThat(latent.gmm().init()).isEqualTo(GmmOptions.Init.KMEANS_PLUS_PLUS);
    }

    @Test
    void aRecordMadeInJavaIsCheckedLikeBoundYaml() {
        PatchDictionaryConfig.KMeans d = PatchDictionaryConfig.KMeans.DEFAULTS;
        assertThatThrownBy(() -> new PatchDictionaryConfig.KMeans(d.engine(), DictionaryMethod.SPARSE, d.init(), d.k(),
                d.maxIter(), d.tol(), d.fitSample(), d.initSample(), d.batchSize(), d.maxNoImprovement(), d.threads(),
                d.tileRows())).isInstanceOf(InvalidValueException.class)
                .hasMessage("algorithm = \"sparse\": expected one of lloyd, minibatch");
        assertThatThrownBy(() -> new PatchDictionaryConfig.KMeans(d.engine(), d.algorithm(),
                KMeansOptions.Init.GREEDY_KMEANS_PLUS_PLUS, d.k(), d.maxIter(), d.tol(), d.fitSample(), d.initSample(),
                d.batchSize(), d.maxNoImprovement(), d.threads(), d.tileRows())).isInstanceOf(InvalidValueException.class)
                .hasMessage("init = \"GREEDY_KMEANS_PLUS_PLUS\": expected one of kmeans++, random");
        assertThatThrownBy(() -> new SweepConfig.Objective("validation.accuracy", null))
                .isInstanceOf(InvalidValueException.class).hasMessage("direction = null: expected one of maximize, minimize");
    }

    @Test
    void everyOptionTypeWritesAndReadsItsConfigNames() throws Exception {
        Set<Class<? extends Enum<?>>> types = new HashSet<>();
        for (Class<? extends Record> task : TASKS.values()) {
            collectOptionTypes(task, types, new HashSet<>());
        }
        assertThat(types).hasSize(20);
        for (Class<? extends Enum<?>> type : types) {
            List<String> names = OptionNames.of(type);
            assertThat(names).as(type.getName()).isNotEmpty();
            for (Enum<?> constant : type.getEnumConstants()) {
                if (OptionNames.nameOrNull(constant) == null) {
                    continue;
                }
                String yaml = ConfigMappers.STRICT.writeValueAsString(constant);
                assertThat(ConfigMappers.STRICT.readValue(yaml, type)).as(yaml).isEqualTo(constant);
                assertThat(YamlText.parse(yaml).textValue()).isEqualTo(OptionNames.of(constant));
            }
        }
    }

    /** Every enum a config record (or a list in one) holds must be an option set of {@link OptionNames}. */
    @SuppressWarnings("unchecked")
    private static void collectOptionTypes(Class<?> record, Set<Class<? extends Enum<?>>> types, Set<Class<?>> seen) {
        if (!seen.add(record)) {
            return;
        }
        for (RecordComponent c : record.getRecordComponents()) {
            List<Class<?>> classes = new ArrayList<>(List.of(c.getType()));
            if (c.getGenericType() instanceof ParameterizedType p) {
                for (Type t : p.getActualTypeArguments()) {
                    if (t instanceof Class<?> k) {
                        classes.add(k);
                    }
                }
            }
            for (Class<?> k : classes) {
                if (k.isEnum()) {
                    assertThat(OptionNames.isOption(k)).as(record.getSimpleName() + "." + c.getName()).isTrue();
                    types.add((Class<? extends Enum<?>>) k);
                } else if (k.isRecord()) {
                    collectOptionTypes(k, types, seen);
                }
            }
        }
    }
}
