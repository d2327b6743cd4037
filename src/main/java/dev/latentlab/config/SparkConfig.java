package dev.latentlab.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Where and how Apache Spark runs when {@code kmeans.engine} is {@code spark} (the {@code spark:} section).
 *
 * @param master         the Spark master URL: {@code local[*]} (embedded in this JVM, the default), {@code local[N]},
 *                       {@code spark://HOST:PORT} (standalone), {@code yarn}, {@code k8s://URL}
 * @param partitions     partitions of the patch set (each reads its own range of images); 0 = twice Spark's
 *                       default parallelism (the cores of a local master, of all executors on a cluster)
 * @param executorMemory heap of each executor, Spark's size format ({@code 512m}, {@code 4g}); null = Spark's
 *                       default (1g). A local master runs its executor in this JVM: its heap is the JVM's
 * @param conf           any other Spark settings, {@code spark.*} keys to values (e.g. {@code spark.local.dir})
 * @param solver         how the Lloyd iterations run: {@code native} (the executors run the project's fused
 *                       nearest-centroid kernel on cached float blocks; the nd4j engine's seeding, stopping rule and
 *                       empty-cluster handling) or {@code mllib} (Spark ML's KMeans with its block solver)
 */
public record SparkConfig(String master, int partitions, String executorMemory, Map<String, String> conf,
                          Solver solver) {
    /** The refusal of a spark setting by a jar built without Apache Spark. */
    public static final String NOT_BUILT =
            "this trainer.jar was built without Apache Spark; build it with mvn -B -Pspark package -DskipTests";
    /** The master URL forms Spark accepts. */
    private static final Pattern MASTER = Pattern.compile(
            "local(\\[(\\*|[1-9][0-9]*)(,[1-9][0-9]*)?])?|local-cluster\\[[1-9][0-9]*,[1-9][0-9]*,[1-9][0-9]*]"
                    + "|spark://[^\\s/:,]+:[0-9]{1,5}(,[^\\s/:,]+:[0-9]{1,5})*|yarn|k8s://\\S+|mesos://\\S+");
    /** Spark's size strings (JavaUtils.byteStringAs): digits and an optional unit b, k(b), m(b), g(b), t(b), p(b). */
    private static final Pattern SIZE = Pattern.compile("([0-9]+)([kmgtp]?b?)", Pattern.CASE_INSENSITIVE);
    /** Spark refuses executors below 1.5 x its 300 MiB reserved memory (UnifiedMemoryManager). */
    private static final long MIN_EXECUTOR_BYTES = 450L << 20;

    /** Every key at its default. */
    public static final SparkConfig DEFAULTS = new SparkConfig("local[*]", 0, null, Map.of(), Solver.NATIVE);

    /** How the Lloyd iterations run on Spark ({@code spark.solver}). */
    public enum Solver {
        /** The executors run the project's fused nearest-centroid kernel on cached float blocks. */
        NATIVE,
        /** Spark ML's KMeans with its block solver. */
        MLLIB;

        /** The name configs use: native or mllib. */
        public String configName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Settings with the default solver. */
    public SparkConfig(String master, int partitions, String executorMemory, Map<String, String> conf) {
        this(master, partitions, executorMemory, conf, Solver.NATIVE);
    }

    public SparkConfig {
        Check.option("solver", solver, Solver.class);
        Check.matches("master", master, MASTER,
                "a Spark master URL: local[*], local[N], spark://HOST:PORT, yarn or k8s://URL");
        Check.atLeast("partitions", partitions, 0);
        if (executorMemory != null && bytes(executorMemory) < MIN_EXECUTOR_BYTES) {
            throw new InvalidValueException("executor_memory", executorMemory,
                    "null or a size of at least 450m in Spark's format (e.g. 512m, 4g)");
        }
        conf = conf == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(conf));
        for (Map.Entry<String, String> e : conf.entrySet()) {
            String key = "conf." + e.getKey();
            if (!e.getKey().startsWith("spark.")) {
                throw new InvalidValueException(key, e.getValue(), "keys of spark.conf to start with \"spark.\"");
            }
            if (e.getKey().equals("spark.master") || e.getKey().equals("spark.executor.memory")) {
                throw new InvalidValueException(key, e.getValue(), "spark.master and spark.executor.memory set by "
                        + "spark.master and spark.executor_memory, not in spark.conf");
            }
            Check.notNull(key, e.getValue(), "a value");
        }
    }

    /** True for a master that runs in this JVM ({@code local}, {@code local[N]}): nothing to share with workers. */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isLocal() {
        return isLocal(master);
    }

    /** True for a master URL that runs in this JVM ({@code local}, {@code local[N]}, {@code local[N,F]}). */
    public static boolean isLocal(String master) {
        return master.equals("local") || master.startsWith("local[");
    }

    /** The same settings with {@code conf} in place of this one's. */
    public SparkConfig withConf(Map<String, String> conf) {
        return new SparkConfig(master, partitions, executorMemory, conf, solver);
    }

    /** A size in Spark's format as bytes; -1 when it is not one. */
    static long bytes(String size) {
        var m = SIZE.matcher(size.trim());
        if (!m.matches() || m.group(1).length() > 12) {
            return -1;
        }
        String unit = m.group(2).toLowerCase();
        // A bare number is MiB, spark.executor.memory's default unit.
        int shift = unit.isEmpty() ? 20 : switch (unit.charAt(0)) {
            case 'b' -> 0;
            case 'k' -> 10;
            case 'm' -> 20;
            case 'g' -> 30;
            case 't' -> 40;
            default -> 50;
        };
        long value = Long.parseLong(m.group(1));
        return value >= (1L << (62 - shift)) ? Long.MAX_VALUE : value << shift;
    }
}
