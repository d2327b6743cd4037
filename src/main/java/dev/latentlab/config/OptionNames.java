package dev.latentlab.config;

import dev.latentlab.clustering.KMeansOptions;
import dev.latentlab.data.ImageLayout;
import dev.latentlab.data.ImageSource;
import dev.latentlab.data.PictureLoader;
import dev.latentlab.data.PixelScale;
import dev.latentlab.latent.ComponentSelection;
import dev.latentlab.mixture.CovarianceType;
import dev.latentlab.mixture.GmmOptions;
import dev.latentlab.patches.DictionaryMethod;
import dev.latentlab.patches.Tiling;
import dev.latentlab.quantize.QuantizeMethod;
import dev.latentlab.vae.ReconstructionLoss;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The closed option sets of the configs: every enum a config key binds to, with the name each constant has in
 * YAML ({@code kmeans++}, {@code fashion-mnist}, {@code val_accuracy}). Binding reads these names and
 * {@link ConfigYaml} writes them (see {@link ConfigMappers}); an enum a config record uses must be listed here.
 * The numeric cores' own enums are named here too, so that the cores know nothing of configs. A constant without
 * a name (k-means' greedy seeding) cannot be chosen in a config.
 */
public final class OptionNames {
    private static final Map<Class<?>, Table<?>> TABLES = tables();

    private OptionNames() {
    }

    /** One enum's names: constant → name for the named constants, in declaration order, and back. */
    private record Table<E extends Enum<E>>(Class<E> type, Map<E, String> names, Map<String, E> constants) {
        static <E extends Enum<E>> Table<E> of(Class<E> type, Function<E, String> name) {
            Map<E, String> names = new EnumMap<>(type);
            Map<String, E> constants = new LinkedHashMap<>();
            for (E constant : type.getEnumConstants()) {
                String n = name.apply(constant);
                if (n != null) {
                    names.put(constant, n);
                    if (constants.put(n, constant) != null) {
                        throw new IllegalStateException(type.getName() + ": two constants named " + n);
                    }
                }
            }
            return new Table<>(type, Collections.unmodifiableMap(names), Collections.unmodifiableMap(constants));
        }
    }

    private static Map<Class<?>, Table<?>> tables() {
        List<Table<?>> tables = List.of(
                Table.of(ImageSource.Kind.class, ImageSource.Kind::yamlName),
                Table.of(PictureLoader.Invert.class, OptionNames::lowerCase),
                Table.of(ImageLayout.class, ImageLayout::key),
                Table.of(PixelScale.class, PixelScale::key),
                Table.of(Tiling.class, Tiling::configName),
                Table.of(DictionaryMethod.class, DictionaryMethod::configName),
                Table.of(KMeansOptions.Init.class, init -> switch (init) {
                    case KMEANS_PLUS_PLUS -> "kmeans++";
                    case RANDOM -> "random";
                    case GREEDY_KMEANS_PLUS_PLUS -> null;
                }),
                Table.of(CovarianceType.class, CovarianceType::sklearnName),
                Table.of(GmmOptions.Init.class, GmmOptions.Init::sklearnName),
                Table.of(ComponentSelection.Criterion.class, OptionNames::lowerCase),
                Table.of(QuantizeMethod.class, QuantizeMethod::configName),
                Table.of(ReconstructionLoss.class, ReconstructionLoss::configName),
                Table.of(PatchDictionaryConfig.Engine.class, PatchDictionaryConfig.Engine::configName),
                Table.of(SparkConfig.Solver.class, SparkConfig.Solver::configName),
                Table.of(VaeGmmConfig.Split.class, VaeGmmConfig.Split::configName),
                Table.of(VaeGmmConfig.ModelType.class, VaeGmmConfig.ModelType::configName),
                Table.of(VaeGmmConfig.Embedding.class, VaeGmmConfig.Embedding::configName),
                Table.of(SweepConfig.Method.class, SweepConfig.Method::configName),
                Table.of(SweepConfig.Executor.class, SweepConfig.Executor::configName),
                Table.of(SweepConfig.Direction.class, SweepConfig.Direction::configName));
        Map<Class<?>, Table<?>> byType = new HashMap<>();
        tables.forEach(t -> byType.put(t.type(), t));
        return Map.copyOf(byType);
    }

    /** The constant's name in lower case: {@code VAL_ACCURACY} → {@code val_accuracy}. */
    private static String lowerCase(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT);
    }

    /** Whether {@code type} is an option set listed here. */
    static boolean isOption(Class<?> type) {
        return TABLES.containsKey(type);
    }

    /** The name {@code value} has in a config; an enum not listed here, or a constant without a name, is a bug. */
    public static String of(Enum<?> value) {
        String name = table(value.getDeclaringClass()).names().get(value);
        if (name == null) {
            throw new IllegalArgumentException(value.getDeclaringClass().getName() + "." + value.name()
                    + " has no config name");
        }
        return name;
    }

    /** The name {@code value} has in a config, or null for a constant without one or an enum not listed here. */
    static String nameOrNull(Enum<?> value) {
        Table<?> table = TABLES.get(value.getDeclaringClass());
        return table == null ? null : table.names().get(value);
    }

    /** The names of {@code type}'s constants that a config can choose, in declaration order. */
    public static List<String> of(Class<? extends Enum<?>> type) {
        return List.copyOf(table(type).constants().keySet());
    }

    /** The names of {@code constants}, in their order. */
    static List<String> of(List<? extends Enum<?>> constants) {
        List<String> names = new ArrayList<>();
        constants.forEach(c -> names.add(of(c)));
        return names;
    }

    /** The constant of {@code type} named {@code name}, or null when none has that name. */
    public static <E extends Enum<E>> E parse(Class<E> type, String name) {
        return type.cast(table(type).constants().get(name));
    }

    private static Table<?> table(Class<?> type) {
        Table<?> table = TABLES.get(type);
        if (table == null) {
            throw new IllegalArgumentException(type.getName() + " is not a config option set (list it in "
                    + OptionNames.class.getSimpleName() + ")");
        }
        return table;
    }
}
