package dev.latentlab.config;

import dev.latentlab.latent.ComponentSelection;
import java.util.List;
import java.util.Map;

/**
 * The config of task {@value #TASK}: Gaussian mixtures fitted on fixed latent codes (a vae_gmm run's
 * {@code latents.npz}), one fit per component count, the winner chosen by validation accuracy or BIC. Quick to
 * run, so it is what a sweep over the number of components runs. See the package docs for defaults and checks.
 *
 * @param task     always {@value #TASK}
 * @param name     the run name ({@code runs/<stamp>-<name>/}); defaults to the config file's base name
 * @param seed     seeds the EM initialisations and the scatter plot's sample
 * @param latents  a latents.npz (train_mu, train_labels, val_mu, val_labels), as every vae_gmm run writes into
 *                 its run folder and model folder
 * @param gmm      the mixtures (the same keys as vae_gmm's gmm section)
 * @param selectBy val_accuracy (majority-label classifier on the validation codes) or bic (on the training codes)
 * @param report   figures
 * @param output   where runs and the chosen mixture go
 */
public record LatentGmmConfig(String task, String name, long seed, String latents, VaeGmmConfig.Gmm gmm,
                              ComponentSelection.Criterion selectBy, Report report, Output output)
        implements InputFiles {
    /** The task id this config is for. */
    public static final String TASK = "latent_gmm";
    /** Every key at its default. */
    public static final LatentGmmConfig DEFAULTS = new LatentGmmConfig(TASK, TASK, 42L, "models/vae_148/latents.npz",
            VaeGmmConfig.Gmm.DEFAULTS, ComponentSelection.Criterion.BIC, Report.DEFAULTS, Output.DEFAULTS);

    public LatentGmmConfig {
        Check.oneOf("task", task, TASK);
        Check.matches("name", name, PatchDictionaryConfig.RUN_NAME, "a name of letters, digits, '_', '.', '-'");
        Check.nonEmpty("latents", latents);
        Check.notNull("gmm", gmm, "a map");
        Check.option("select_by", selectBy, ComponentSelection.Criterion.class);
        Check.notNull("report", report, "a map");
        Check.notNull("output", output, "a map");
    }

    /**
     * @param scatterPoints latent codes drawn (seeded) in the scatter plot
     */
    public record Report(int scatterPoints) {
        public static final Report DEFAULTS = new Report(3000);

        public Report {
            Check.atLeast("scatter_points", scatterPoints, 1);
        }
    }

    @Override
    public Map<String, List<String>> inputFiles() {
        return Map.of("latents", List.of(latents));
    }
}
