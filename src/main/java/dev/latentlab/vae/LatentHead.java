package dev.latentlab.vae;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The latent end of an encoder and the loss outputs, shared by the model graphs. A VAE's: μ and log σ² heads on
 * the last hidden layer, z = μ + exp(½ log σ²)·ε (ε the {@link GraphNames#EPSILON} placeholder) and the KL
 * divergence of N(μ, σ²) from N(0, I). A plain autoencoder's: a linear code, which is {@link GraphNames#MU} and
 * {@link GraphNames#Z} alike. Then {@link GraphNames#LOSS} = batch mean of (reconstruction + β·KLD), the loss
 * variable, with {@link GraphNames#BCE_MEAN} and (VAE) {@link GraphNames#KLD_MEAN}.
 *
 * @param mu     the code's mean head
 * @param logvar its log-variance head (null for a plain autoencoder)
 * @param z      the latent the decoder takes in training
 */
record LatentHead(SDVariable mu, SDVariable logvar, SDVariable z) {
    /** Bound on |log σ²| (σ up to e^5 ≈ 148). */
    static final double LOGVAR_LIMIT = 10.0;

    /** μ and log σ² heads (Xavier-initialised) on {@code h} [-1, width], and the sampled z. */
    static LatentHead variational(SameDiff sd, GraphWeights weights, SDVariable h, int width, int latent) {
        SDVariable mu = sd.identity(GraphNames.MU, weights.dense("mu_head", h, width, latent, false));
        // log σ² is clipped to ±LOGVAR_LIMIT: inactive in normal training, it keeps an unlucky first step from
        // overflowing exp(log σ²) (seen: quick config, seed 2, loss Infinity at batch 4)
        SDVariable logvar = sd.identity(GraphNames.LOGVAR, sd.math().clipByValue(
                weights.dense("logvar_head", h, width, latent, false), -LOGVAR_LIMIT, LOGVAR_LIMIT));
        SDVariable eps = sd.placeHolder(GraphNames.EPSILON, DataType.FLOAT, -1, latent);
        SDVariable z = sd.identity(GraphNames.Z, mu.add(sd.math().exp(logvar.mul(0.5)).mul(eps)));
        return new LatentHead(mu, logvar, z);
    }

    /** A plain autoencoder's linear code on {@code h} [-1, width]: μ = z = h·W + b. */
    static LatentHead code(SameDiff sd, GraphWeights weights, SDVariable h, int width, int latent) {
        SDVariable code = sd.identity(GraphNames.MU, weights.dense("mu_head", h, width, latent, false));
        return new LatentHead(code, null, sd.identity(GraphNames.Z, code));
    }

    /** The loss outputs from the per-image reconstruction term {@code recon} [-1] and β. */
    void lossOutputs(SameDiff sd, SDVariable recon, double beta) {
        if (logvar == null) {
            recon.mean(GraphNames.LOSS);
            sd.setLossVariables(GraphNames.LOSS);
            recon.mean(GraphNames.BCE_MEAN);
            return;
        }
        SDVariable kld = sd.math().exp(logvar).add(mu.mul(mu)).sub(logvar).sub(1.0).sum(1).mul(0.5);
        recon.add(kld.mul(beta)).mean(GraphNames.LOSS);
        sd.setLossVariables(GraphNames.LOSS);
        recon.mean(GraphNames.BCE_MEAN);
        kld.mean(GraphNames.KLD_MEAN);
    }
}
