package dev.latentlab.task.sweep;

import dev.latentlab.config.ConfigLoader;
import dev.latentlab.config.LoadedConfig;
import dev.latentlab.config.SweepConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A candidate's config: the base config file with the sweep's fixed overrides and the candidate's values laid
 * on with the CLI's own {@code --set} mechanism.
 *
 * @param sweep    the sweep config
 * @param baseFile the base config file
 */
record CandidateConfigs(SweepConfig sweep, Path baseFile) {

    /**
     * Candidate {@code index} as run inside the sweep: its outputs go under {@code sweepDir}; {@code launcher}
     * resolves its config in full for a candidate that runs in another JVM.
     */
    CandidateJob job(int index, Map<String, Object> values, Path sweepDir, PipelineLauncher launcher) {
        String name = String.format("%s-c%03d", sweep.name(), index);
        Path runs = sweepDir.resolve("candidates");
        Path models = sweepDir.resolve("models");
        Map<String, Object> redirect = new LinkedHashMap<>();
        redirect.put("name", name);
        redirect.put("output.runs_dir", runs.toString());
        redirect.put("output.models_dir", models.toString());
        LoadedConfig config = load(values, redirect);
        return new CandidateJob(index, name, config, launcher.resolve(config), runs, models);
    }

    /** The config as a user would run it on its own (outputs where the base puts them), named {@code name}. */
    LoadedConfig standalone(String name, Map<String, Object> values) {
        return load(values, Map.of("name", name));
    }

    private LoadedConfig load(Map<String, Object> values, Map<String, Object> last) {
        List<String> args = new ArrayList<>(Overrides.arguments(sweep.overrides()));
        args.addAll(Overrides.arguments(values));
        args.addAll(Overrides.arguments(last));
        return ConfigLoader.load(baseFile, args);
    }
}
