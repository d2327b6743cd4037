package dev.latentlab.patches;

/**
 * One fitted codebook of a patch-dictionary run and the figures of its fit (MSE per pixel on the 0..255 scale;
 * {@code unused}: elements no training patch uses; {@code curve}: the MSE after each logged iteration — the
 * metrics.csv rows: every iteration, every 20th mini-batch — as {iterations, mse}, or null where the engine
 * reports no iterations, as Spark ML's KMeans (spark.solver mllib)).
 */
public record DictionaryFit(PatchCodebook codebook, int iterations, boolean converged, double secondsPerIteration,
                            double fitSeconds, double trainMse, int unused, double[][] curve) {

    /** The same fit with its per-iteration curve. */
    DictionaryFit withCurve(double[][] iterationMse) {
        return new DictionaryFit(codebook, iterations, converged, secondsPerIteration, fitSeconds, trainMse, unused,
                iterationMse);
    }
}
