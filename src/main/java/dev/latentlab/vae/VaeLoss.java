package dev.latentlab.vae;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * Mean per-image loss terms of a VAE over some images: {@code loss = bce + β·kld}, where {@code bce} is the
 * binary cross-entropy summed over the pixels of an image and {@code kld} the KL divergence of its posterior
 * N(μ, σ²) from N(0, I).
 */
public record VaeLoss(double loss, double bce, double kld) {
    /** Whether all three terms are finite numbers. */
    @JsonIgnore
    public boolean isFinite() {
        return Double.isFinite(loss) && Double.isFinite(bce) && Double.isFinite(kld);
    }
}
