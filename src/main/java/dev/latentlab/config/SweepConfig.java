package dev.latentlab.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The config of task {@value #TASK}: a hyper-parameter search over config key paths of another config (the
 * {@code base}), each candidate a full run of the base's pipeline with overrides. See the package docs for how
 * defaults and validation work; {@code base} and {@code parameters} have no useful default, so an empty one is
 * reported by {@link #requireComplete()}.
 *
 * @param task       always {@value #TASK}
 * @param name       the sweep name ({@code runs/<stamp>-<name>/}); defaults to the config file's base name
 * @param seed       seeds the random search (each candidate keeps the base config's own {@code seed})
 * @param base       the config to sweep: a path, or a bare name looked up in configs/ and the jar (like {@code --config})
 * @param overrides  fixed overrides applied to every candidate, key path → value (nested maps are flattened:
 *                   {@code {train: {epochs: 5}}} is {@code train.epochs: 5})
 * @param parameters the swept key paths, in order, each with its space
 * @param search     how candidates are generated and when the search stops
 * @param objective  the summary metric to optimise
 * @param output     where the sweep folder goes
 * @param spark      the Spark cluster that runs the candidates with {@code search.executor: spark} (master, executor
 *                   memory, {@code spark.*} settings such as {@code spark.task.cpus}; partitions and solver unused)
 */
public record SweepConfig(String task, String name, long seed, String base, Map<String, Object> overrides,
                          Map<String, Parameter> parameters, Search search, Objective objective, Output output,
                          SparkConfig spark) {
    /** The task id this config is for. */
    public static final String TASK = "sweep";
    /** Every key at its default. */
    public static final SweepConfig DEFAULTS = new SweepConfig(TASK, TASK, 42L, "", Map.of(), Map.of(),
            Search.DEFAULTS, Objective.DEFAULTS, Output.DEFAULTS, SparkConfig.DEFAULTS);

    public SweepConfig {
        Check.oneOf("task", task, TASK);
        Check.matches("name", name, PatchDictionaryConfig.RUN_NAME, "a name of letters, digits, '_', '.', '-'");
        Check.notNull("base", base, "the path of the config to sweep");
        overrides = ordered(Check.notNull("overrides", overrides, "a map of key paths to values"));
        parameters = ordered(Check.notNull("parameters", parameters, "a map of key paths to parameter spaces"));
        for (Map.Entry<String, Parameter> p : parameters.entrySet()) {
            Check.notNull("parameters." + p.getKey(), p.getValue(),
                    "a space: values, int_range, uniform or log_uniform");
            if (overrides.containsKey(p.getKey())) {
                throw new InvalidValueException("overrides." + p.getKey(), overrides.get(p.getKey()),
                        "no fixed value for a swept parameter (it is listed under parameters)");
            }
        }
        Check.sectionsPresent("search objective output spark", search, objective, output, spark);
        if (search.method() == Method.RANDOM && search.maxCandidates() == null) {
            throw new InvalidValueException("search.max_candidates", null,
                    "an integer >= 1 with method random (a random search has no end of its own)");
        }
        if (search.executor() == Executor.SPARK && !spark.isLocal()
                && !java.nio.file.Path.of(output.runsDir()).isAbsolute()) {
            throw new InvalidValueException("output.runs_dir", output.runsDir(), "an absolute path on storage every "
                    + "worker sees (search.executor spark with spark.master " + spark.master() + ")");
        }
    }

    /** How candidates are generated ({@code search.method}). */
    public enum Method {
        /** Every combination, continuous spaces cut into {@code grid_points}. */
        GRID,
        /** Random draws from the spaces. */
        RANDOM;

        /** The name configs use: grid or random. */
        public String configName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Where candidates run ({@code search.executor}). */
    public enum Executor {
        /** On this machine. */
        LOCAL,
        /** Each a single-task Spark job. */
        SPARK;

        /** The name configs use: local or spark. */
        public String configName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Which way the objective is better ({@code objective.direction}). */
    public enum Direction {
        MAXIMIZE, MINIMIZE;

        /** The name configs use: maximize or minimize. */
        public String configName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The same sweep searched by {@code search} (other executor, parallelism or limits). */
    public SweepConfig withSearch(Search search) {
        return new SweepConfig(task, name, seed, base, overrides, parameters, search, objective, output, spark);
    }

    /**
     * The keys without a useful default: a message naming the first one missing ({@code base}, then
     * {@code parameters}), or null when the config is complete.
     */
    public String requireComplete() {
        if (base.isBlank()) {
            return "missing key base (expected the config to sweep, e.g. base: vae_148.yaml)";
        }
        if (parameters.isEmpty()) {
            return "missing key parameters (expected at least one key path to sweep, e.g. model.beta: {values: [0.5, 1]})";
        }
        return null;
    }

    private static <V> Map<String, V> ordered(Map<String, V> map) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }

    /**
     * One swept key's space, written as a map with exactly one of {@code values}, {@code int_range},
     * {@code uniform}, {@code log_uniform} (e.g. {@code {values: [0.5, 1]}}, {@code {log_uniform: [1e-4, 1e-2]}}).
     *
     * @param values     discrete values, any YAML (numbers, strings, lists), at least two, distinct
     * @param intRange   {@code [min, max]}, integers, inclusive; a grid takes at most {@code search.grid_points} of them
     * @param uniform    {@code [min, max]}, continuous, uniform
     * @param logUniform {@code [min, max]}, continuous, uniform in log space ({@code 0 < min})
     */
    public record Parameter(List<Object> values, List<Integer> intRange, List<Double> uniform, List<Double> logUniform) {
        // No DEFAULTS: a parameter is a map value, not a section, and has no default space.
        private static final List<String> KINDS = List.of("values", "int_range", "uniform", "log_uniform");

        public Parameter {
            int set = (values == null ? 0 : 1) + (intRange == null ? 0 : 1) + (uniform == null ? 0 : 1)
                    + (logUniform == null ? 0 : 1);
            if (set != 1) {
                List<String> given = new java.util.ArrayList<>();
                Object[] spaces = {values, intRange, uniform, logUniform};
                for (int i = 0; i < spaces.length; i++) {
                    if (spaces[i] != null) {
                        given.add(KINDS.get(i));
                    }
                }
                throw new InvalidValueException("", set == 0 ? Map.of() : "a map with " + String.join(" and ", given),
                        "exactly one of values, int_range, uniform, log_uniform");
            }
            if (values != null) {
                values = List.copyOf(values);
                if (values.size() < 2 || values.stream().distinct().count() != values.size()) {
                    throw new InvalidValueException("values", values,
                            "at least two distinct values (a fixed value goes under overrides)");
                }
            }
            if (intRange != null && (intRange.size() != 2 || intRange.get(0) >= intRange.get(1))) {
                throw new InvalidValueException("int_range", intRange, "[min, max], integers, min < max");
            }
            if (uniform != null && (uniform.size() != 2 || !(uniform.get(0) < uniform.get(1)))) {
                throw new InvalidValueException("uniform", uniform, "[min, max] with min < max");
            }
            if (logUniform != null && (logUniform.size() != 2 || !(logUniform.get(0) > 0)
                    || !(logUniform.get(0) < logUniform.get(1)))) {
                throw new InvalidValueException("log_uniform", logUniform, "[min, max] with 0 < min < max");
            }
        }

        /** Reads the YAML map form; one key of the four, nothing else. */
        @com.fasterxml.jackson.annotation.JsonCreator
        static Parameter of(Map<String, Object> spec) {
            for (String key : spec.keySet()) {
                if (!KINDS.contains(key)) {
                    throw new InvalidValueException(key, spec.get(key),
                            "one of the keys values, int_range, uniform, log_uniform");
                }
            }
            return new Parameter(list(spec, "values"), integers(spec, "int_range"), numbers(spec, "uniform"),
                    numbers(spec, "log_uniform"));
        }

        /** The YAML map form (for config.yaml). */
        @com.fasterxml.jackson.annotation.JsonValue
        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put(values != null ? "values" : intRange != null ? "int_range" : uniform != null ? "uniform"
                    : "log_uniform", values != null ? values : intRange != null ? intRange
                    : uniform != null ? uniform : logUniform);
            return m;
        }

        @SuppressWarnings("unchecked")
        private static List<Object> list(Map<String, Object> spec, String key) {
            Object v = spec.get(key);
            if (v == null) {
                return null;
            }
            if (!(v instanceof List<?>)) {
                throw new InvalidValueException(key, v, "a list");
            }
            return (List<Object>) v;
        }

        private static List<Integer> integers(Map<String, Object> spec, String key) {
            List<Object> v = list(spec, key);
            if (v != null && !v.stream().allMatch(x -> x instanceof Integer)) {
                throw new InvalidValueException(key, v, "[min, max], integers");
            }
            return v == null ? null : v.stream().map(x -> (Integer) x).toList();
        }

        private static List<Double> numbers(Map<String, Object> spec, String key) {
            List<Object> v = list(spec, key);
            if (v != null && !v.stream().allMatch(x -> x instanceof Number)) {
                throw new InvalidValueException(key, v, "[min, max], numbers");
            }
            return v == null ? null : v.stream().map(x -> ((Number) x).doubleValue()).toList();
        }
    }

    /**
     * Candidate generation (Arbiter) and termination.
     *
     * @param method        grid (every combination, continuous spaces cut into {@code grid_points}) or random
     * @param gridPoints    grid only: values per continuous space, and at most per integer range
     * @param maxCandidates the most candidates to run; null = the whole grid (random needs a number)
     * @param maxMinutes    stop starting candidates after this many minutes
     * @param parallel      candidates run at once (locally each in its own JVM with its share of the cores)
     * @param executor      where candidates run: local (this machine) or spark (each a single-task Spark job)
     */
    public record Search(Method method, int gridPoints, Integer maxCandidates, double maxMinutes, int parallel,
                         Executor executor) {
        /** Every key at its default. */
        public static final Search DEFAULTS = new Search(Method.GRID, 5, null, 24 * 60, 1, Executor.LOCAL);

        /** One candidate at a time on this machine. */
        public Search(Method method, int gridPoints, Integer maxCandidates, double maxMinutes) {
            this(method, gridPoints, maxCandidates, maxMinutes, 1, Executor.LOCAL);
        }

        public Search {
            Check.option("method", method, Method.class);
            Check.atLeast("parallel", parallel, 1);
            Check.option("executor", executor, Executor.class);
            Check.atLeast("grid_points", gridPoints, 2);
            Check.nullOrAtLeast("max_candidates", maxCandidates, 1);
            if (!(maxMinutes > 0)) {
                throw new InvalidValueException("max_minutes", maxMinutes, "a number > 0");
            }
        }
    }

    /**
     * What the sweep optimises.
     *
     * @param metric    a dotted path into each candidate's summary.json, list items by index
     *                  ({@code validation.accuracy}, {@code best_val_loss}, {@code results.0.test_mse})
     * @param direction maximize or minimize
     */
    public record Objective(String metric, Direction direction) {
        /** Every key at its default. */
        public static final Objective DEFAULTS = new Objective("validation.accuracy", Direction.MAXIMIZE);

        public Objective {
            Check.matches("metric", metric, java.util.regex.Pattern.compile("[A-Za-z0-9_]+(\\.[A-Za-z0-9_]+)*"),
                    "a dotted path into summary.json, e.g. validation.accuracy");
            Check.option("direction", direction, Direction.class);
        }

        /** True when smaller is better. */
        public boolean minimize() {
            return direction == Direction.MINIMIZE;
        }
    }
}
