package dev.latentlab.vae;

import java.util.Locale;

/**
 * How a model's loss terms are named in metrics.csv, the log and the loss figures: the reconstruction term
 * ({@code BCE}, or {@code MSE} for a dense {@code mse} model) and whether there is a KL term (not for a plain
 * autoencoder, whose KLD columns hold 0).
 *
 * @param reconstruction {@code BCE} or {@code MSE}
 * @param kl             true for a VAE
 */
public record LossTerms(String reconstruction, boolean kl) {
    public static LossTerms of(ModelArchitecture architecture) {
        return new LossTerms(architecture.loss().name(), architecture.variational());
    }

    /** The metrics.csv column of the reconstruction term with a prefix, e.g. {@code train_bce}. */
    public String column(String prefix) {
        return prefix + "_" + reconstruction.toLowerCase(Locale.ROOT);
    }

    /** The title of the loss figure. */
    public String title() {
        return kl ? "VAE loss (" + reconstruction + " + beta * KLD, per image)"
                : "Autoencoder loss (" + reconstruction + ", per image)";
    }
}
