package dev.latentlab.task.dictionary;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.latentlab.patches.DictionaryMethod;

/**
 * The figures of one method and K of a patch-dictionary run, as written to summary.json (MSE per pixel on the
 * 0..255 scale; the {@code _unit} fields are the same errors on the [0, 1] scale). {@code train_mse} is over every
 * training patch; {@code fit_mse} over the patches the fit used (the same figure unless {@code kmeans.fit_sample}).
 * {@code empty_clusters} counts the centroids (atoms) no fitted patch uses.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record KFitSummary(
        DictionaryMethod method,
        int k,
        int iterations,
        boolean converged,
        double secondsPerIteration,
        double fitSeconds,
        double trainMse,
        double fitMse,
        double testMse,
        double reconMse,
        double reconPsnr,
        double trainReconMse,
        int emptyClusters) {

    private static final double UNIT = 255.0 * 255.0;

    @JsonProperty("train_mse_unit")
    public double trainMseUnit() {
        return trainMse / UNIT;
    }

    @JsonProperty("test_mse_unit")
    public double testMseUnit() {
        return testMse / UNIT;
    }

    @JsonProperty("recon_mse_unit")
    public double reconMseUnit() {
        return reconMse / UNIT;
    }
}
