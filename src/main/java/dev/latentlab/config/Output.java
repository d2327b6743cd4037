package dev.latentlab.config;

/**
 * Where a run's results go (the {@code output:} section of every task).
 *
 * @param runsDir   the folder of run folders
 * @param modelsDir the folder of saved models ({@code <models_dir>/<name>/…})
 * @param saveModel write the trained model(s) under {@code <models_dir>/<name>/}; when false nothing is left there once a
 *                  run has finished (a VAE keeps its training checkpoint, <name>.checkpoint, only while it trains)
 */
public record Output(String runsDir, String modelsDir, boolean saveModel) {
    /** Every key at its default. */
    public static final Output DEFAULTS = new Output("runs", "models", true);

    public Output {
        Check.nonEmpty("runs_dir", runsDir);
        Check.nonEmpty("models_dir", modelsDir);
    }
}
