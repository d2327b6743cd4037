package dev.latentlab.vae;

import java.util.ArrayList;
import java.util.List;

/**
 * The placeholders and outputs every model graph ({@link ConvVaeGraph}, {@link DenseAutoencoderGraph}) has, by
 * name, so that {@link StepNoise}, {@link FitLossCapture}, {@link VaeModel} and {@link VaeTrainer} serve both.
 * A plain autoencoder (not variational) has no {@link #EPSILON}, {@link #LOGVAR} or {@link #KLD_MEAN}; its
 * {@link #MU} is its code and {@link #Z} equals it.
 */
final class GraphNames {
    /** Images [-1, C, H, W] in [0, 1]. */
    static final String INPUT = "input";
    /** ε ~ N(0, 1) [-1, latent], drawn in Java ({@link StepNoise}). */
    static final String EPSILON = "epsilon";
    /** Latent codes [-1, latent] feeding the decoder alone (output {@link #DECODED}). */
    static final String Z_IN = "z_in";
    static final String MU = "mu";
    static final String LOGVAR = "logvar";
    static final String Z = "z";
    /** The decoder's pre-activation output for the training z. */
    static final String LOGITS = "logits";
    /** The reconstruction of the training z in image space, [-1, C, H, W]. */
    static final String RECON = "recon";
    /** The decoder's image for {@link #Z_IN}, [-1, C, H, W]. */
    static final String DECODED = "decoded";
    /** The loss variable: mean over the batch of (reconstruction term + β·KLD). */
    static final String LOSS = "loss";
    /** Batch mean of the reconstruction term (BCE, or the squared error of an {@code mse} model). */
    static final String BCE_MEAN = "bce_mean";
    /** Batch mean of the KL divergence (variational models only). */
    static final String KLD_MEAN = "kld_mean";

    private GraphNames() {
    }

    /**
     * The placeholders a training step feeds, in this order: the images, ε (variational models) and the dropout
     * masks in {@link ModelArchitecture#dropoutMasks} order.
     */
    static List<String> trainingInputs(ModelArchitecture arch) {
        List<String> names = new ArrayList<>(List.of(INPUT));
        if (arch.variational()) {
            names.add(EPSILON);
        }
        for (DropoutMask mask : arch.dropoutMasks()) {
            names.add(mask.name());
        }
        return List.copyOf(names);
    }
}
