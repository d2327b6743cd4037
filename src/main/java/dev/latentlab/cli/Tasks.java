package dev.latentlab.cli;

import dev.latentlab.BadInputException;
import dev.latentlab.config.ConfigYaml;
import dev.latentlab.config.InputFiles;
import dev.latentlab.config.LatentGmmConfig;
import dev.latentlab.config.LoadedConfig;
import dev.latentlab.config.Output;
import dev.latentlab.config.PatchDictionaryConfig;
import dev.latentlab.config.QuantizeConfig;
import dev.latentlab.config.SweepConfig;
import dev.latentlab.config.VaeGmmConfig;
import dev.latentlab.store.ShippedFiles;
import dev.latentlab.task.dictionary.PatchDictionaryPipeline;
import dev.latentlab.task.dictionary.SparkBackend;
import dev.latentlab.task.latentgmm.LatentGmmPipeline;
import dev.latentlab.task.quantize.QuantizePipeline;
import dev.latentlab.task.sweep.PipelineLauncher;
import dev.latentlab.task.sweep.SweepPipeline;
import dev.latentlab.task.vaegmm.VaeGmmPipeline;
import dev.latentlab.vae.TrainingListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The pipelines a config's {@code task:} can name, and how each is started. */
final class Tasks {
    /** The tasks a sweep can run as candidates. */
    private static final List<String> PIPELINES = List.of(PatchDictionaryConfig.TASK, VaeGmmConfig.TASK,
            LatentGmmConfig.TASK, QuantizeConfig.TASK);
    private static final List<String> ALL = List.of(PatchDictionaryConfig.TASK, VaeGmmConfig.TASK,
            LatentGmmConfig.TASK, QuantizeConfig.TASK, SweepConfig.TASK);
    /** For help texts (a constant: annotations need one). */
    static final String NAMES = PatchDictionaryConfig.TASK + ", " + VaeGmmConfig.TASK + ", " + LatentGmmConfig.TASK
            + ", " + QuantizeConfig.TASK + ", " + SweepConfig.TASK;
    /** Runs one pipeline run per candidate of a sweep. */
    private static final PipelineLauncher LAUNCHER = new PipelineLauncher() {
        @Override
        public String resolve(LoadedConfig config) {
            return ConfigYaml.toYaml(bind(config, config.task(PIPELINES)));
        }

        @Override
        public void checkInputs(LoadedConfig config) {
            if (bind(config, config.task(PIPELINES)) instanceof InputFiles named) {
                Tasks.checkInputs(named);
            }
        }

        @Override
        public Path run(LoadedConfig config) throws IOException {
            return Tasks.run(config, false);
        }
    };

    private Tasks() {
    }

    /**
     * Binds the config to its task's record and runs the pipeline; returns the run folder. {@code resume} continues
     * an interrupted training or sweep; other tasks reject it.
     */
    static Path run(LoadedConfig loaded, boolean resume) throws IOException {
        return run(loaded, resume, TrainingListener.NONE);
    }

    /**
     * The input files and folders a config names exist (from the working folder, or shipped in the jar): a missing
     * one is refused in one line naming its key and the folder it was looked for in, before any work.
     */
    private static void checkInputs(InputFiles config) {
        config.inputFiles().forEach((key, paths) -> {
            for (String path : paths) {
                if (!Files.exists(ShippedFiles.resolve(Path.of(path)))) {
                    throw new BadInputException(key + " = " + path + ": not found (looked in "
                            + Path.of("").toAbsolutePath() + ")");
                }
            }
        });
    }

    /** As {@link #run(LoadedConfig, boolean)}, a VAE training also reporting to {@code watcher}. */
    static Path run(LoadedConfig loaded, boolean resume, TrainingListener watcher) throws IOException {
        String task = loaded.task(ALL);
        if (resume && !task.equals(VaeGmmConfig.TASK) && !task.equals(SweepConfig.TASK)) {
            throw new BadInputException("--resume: task " + task + " has nothing to resume (only "
                    + VaeGmmConfig.TASK + " and " + SweepConfig.TASK + ")");
        }
        Record config = bind(loaded, task);
        if (config instanceof InputFiles named) {
            checkInputs(named);
        }
        if (config instanceof PatchDictionaryConfig c) {
            if (c.kmeans().engine() != PatchDictionaryConfig.Engine.SPARK) {
                return new PatchDictionaryPipeline(c).run();
            }
            // Spark's classes load only here, when the config chooses it (and only a -Pspark build has them).
            SparkBackend spark = SparkBackend.require(loaded.file() + ": kmeans.engine spark");
            return new PatchDictionaryPipeline(c, spark::open).run();
        } else if (config instanceof VaeGmmConfig c) {
            return new VaeGmmPipeline(c, resume, watcher).run();
        } else if (config instanceof LatentGmmConfig c) {
            return new LatentGmmPipeline(c).run();
        } else if (config instanceof QuantizeConfig c) {
            return new QuantizePipeline(c).run();
        } else if (config instanceof SweepConfig c) {
            return new SweepPipeline(loaded.file(), c, LAUNCHER, resume).run();
        }
        throw new IllegalStateException("task " + task + " has no pipeline");
    }

    /**
     * Runs a vae_gmm or latent_gmm config once per seed, as a sweep over {@code seed} whose base is the config with
     * its overrides resolved (objective: validation accuracy); returns the sweep folder, whose summary.json holds
     * mean ± sd across the seeds ({@code across_seeds}).
     */
    static Path runSeeds(LoadedConfig loaded, List<Long> seeds) throws IOException {
        String task = loaded.task(ALL);
        if (!task.equals(VaeGmmConfig.TASK) && !task.equals(LatentGmmConfig.TASK)) {
            throw new BadInputException("--seeds: task " + task + " has no validation accuracy to compare across "
                    + "seeds (only " + VaeGmmConfig.TASK + " and " + LatentGmmConfig.TASK + "); use a sweep config "
                    + "with sweep --seeds");
        }
        if (seeds.stream().distinct().count() < 2) {
            throw new BadInputException("--seeds " + seeds + ": expected at least two distinct seeds, e.g. 1,2,3");
        }
        Record config = bind(loaded, task);
        String name = config instanceof VaeGmmConfig v ? v.name() : ((LatentGmmConfig) config).name();
        Output output = config instanceof VaeGmmConfig v ? v.output() : ((LatentGmmConfig) config).output();
        Path base = Files.createTempFile("latentlab-" + name + "-", ".yaml");
        try {
            Files.writeString(base, "# " + loaded.file() + " with its overrides, run once per seed\n"
                    + LAUNCHER.resolve(loaded));
            SweepConfig sweep = new SweepConfig(SweepConfig.TASK, name + "-seeds", SweepConfig.DEFAULTS.seed(),
                    base.toString(), Map.of(), Map.of("seed", new SweepConfig.Parameter(List.copyOf(seeds), null,
                    null, null)), SweepConfig.Search.DEFAULTS, SweepConfig.Objective.DEFAULTS, output,
                    dev.latentlab.config.SparkConfig.DEFAULTS);
            return new SweepPipeline(loaded.file(), sweep, LAUNCHER, false).run();
        } finally {
            Files.deleteIfExists(base);
        }
    }

    /** The config bound to the record of the task it names: what a run of it would bind, before any work. */
    static Record boundToTask(LoadedConfig loaded) {
        return bind(loaded, loaded.task(ALL));
    }

    private static Record bind(LoadedConfig loaded, String task) {
        return switch (task) {
            case PatchDictionaryConfig.TASK -> loaded.bind(PatchDictionaryConfig.class);
            case VaeGmmConfig.TASK -> loaded.bind(VaeGmmConfig.class);
            case LatentGmmConfig.TASK -> loaded.bind(LatentGmmConfig.class);
            case QuantizeConfig.TASK -> loaded.bind(QuantizeConfig.class);
            case SweepConfig.TASK -> loaded.bind(SweepConfig.class);
            default -> throw new IllegalStateException("task " + task + " has no config record");
        };
    }
}
