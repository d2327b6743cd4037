/**
 * YAML configs bound to immutable, validated records, with {@code --set a.b=v} overrides.
 *
 * <h2>Use</h2>
 * <pre>{@code
 * Path file = new ConfigLocator().locate(args.config);            // bare names are looked up in configs/
 * LoadedConfig loaded = ConfigLoader.load(file, args.overrides);   // "kmeans.k=[100,200]", "seed=7", ...
 * switch (loaded.task(Set.of(PatchDictionaryConfig.TASK, ...))) {
 *     case PatchDictionaryConfig.TASK -> run(loaded.bind(PatchDictionaryConfig.class));
 * }
 * Files.writeString(runDir.resolve("config.yaml"), ConfigYaml.toYaml(config));   // fully resolved
 * }</pre>
 * Every user mistake is a {@link dev.latentlab.BadInputException} with a one-line message naming the file (or
 * the {@code --set} argument), the full key path, the value and what was expected, e.g.
 * {@code configs/x.yaml: kmeans.k[3] = 0: expected an integer >= 1} or
 * {@code configs/x.yaml: unknown key kmeans.max_iters (did you mean kmeans.max_iter?)}.
 *
 * <h2>Writing a config record (follow this pattern)</h2>
 * <ul>
 * <li>One public record per task (e.g. {@link dev.latentlab.config.PatchDictionaryConfig}) with a
 *     {@code TASK} id constant and a {@code task} component; one nested record per YAML section. Components
 *     are camelCase; YAML keys are their snake_case ({@code maxIter} ↔ {@code max_iter}). Unknown keys,
 *     duplicate keys, wrong types, floats for integers and strings for numbers are rejected by the loader.</li>
 * <li><b>Defaults:</b> every config record, root and sections, declares
 *     {@code public static final X DEFAULTS}, a complete instance with every key at its default (a section's
 *     default is its own {@code DEFAULTS}). {@link dev.latentlab.config.LoadedConfig#bind} lays the user's tree
 *     over the YAML form of {@code DEFAULTS}: a missing key takes its default, an explicit value wins. A
 *     section written with no keys ({@code kmeans:}) keeps its defaults. A root {@code name} component
 *     defaults to the config file's base name.</li>
 * <li><b>Types:</b> a primitive ({@code int}, {@code long}, {@code double}, {@code boolean}) is a key that
 *     must have a value ({@code null} is rejected); a boxed type ({@code Integer}) is a key where {@code null}
 *     means something ("all", "none") and the javadoc says what. Lists are {@code List<...>}, copied
 *     immutably in the constructor; paths are {@code String}s. A closed set of words ({@code kmeans.init:
 *     kmeans++ | random}) is an enum, preferably the one the numeric core takes
 *     ({@link dev.latentlab.clustering.KMeansOptions.Init}), listed with its YAML names in
 *     {@link dev.latentlab.config.OptionNames}: binding reads and {@link dev.latentlab.config.ConfigYaml} writes
 *     those names, and refuses any other value naming the key and the allowed names. A key taking only some of its
 *     enum's constants says which with {@link dev.latentlab.config.OneOf}; check it in the constructor with
 *     {@link dev.latentlab.config.Check#option}.</li>
 * <li><b>Validation:</b> in the compact constructor, with {@link dev.latentlab.config.Check}
 *     ({@code Check.atLeast("max_iter", maxIter, 1)}); keys are snake_case and relative to the record — the
 *     loader prefixes the path. Checks across sections go in the root record with dotted keys
 *     ({@code Check.eachIn("report.atlas_k", ...)}). Throw {@link dev.latentlab.config.InvalidValueException}
 *     directly for a one-off rule. Never throw anything else for a bad value: it would be reported as a bug.
 *     Records hold values only; no numeric work.</li>
 * </ul>
 */
package dev.latentlab.config;
