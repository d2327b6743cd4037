package dev.latentlab.dictionary;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The figures of one method and K of a patch-dictionary run, as written to summary.json (MSE per pixel on the
 * 0..255 scale; the {@code _unit} fields are the same errors on the [0, 1] scale). {@code empty_clusters} counts
 * the centroids (atoms) no training patch uses.
 */
public record KFitSummary(
        @JsonProperty("method") String method,
        @JsonProperty("k") int k,
        @JsonProperty("iterations") int iterations,
        @JsonProperty("converged") boolean converged,
        @JsonProperty("seconds_per_iteration") double secondsPerIteration,
        @JsonProperty("fit_seconds") double fitSeconds,
        @JsonProperty("train_mse") double trainMse,
        @JsonProperty("test_mse") double testMse,
        @JsonProperty("recon_mse") double reconMse,
        @JsonProperty("recon_psnr") double reconPsnr,
        @JsonProperty("train_recon_mse") double trainReconMse,
        @JsonProperty("empty_clusters") int emptyClusters) {

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
