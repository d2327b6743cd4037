package dev.latentlab.latent;

import dev.latentlab.mixture.GaussianMixture;
import java.util.Arrays;
import java.util.Locale;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The candidate novelty scores of an image under a trained model: higher = less like the training images. Each
 * is computed from what the model saw (its loss terms, its latent means, the training latents, a mixture);
 * results.md measures them against each other.
 */
public enum NoveltyScore {
    /** The reconstruction term of decode(μ) (BCE summed over the pixels). */
    RECONSTRUCTION,
    /** The negative ELBO at z = μ: reconstruction term + KL divergence from the prior. */
    ELBO,
    /** The mean distance of μ to its nearest training latent means. */
    KNN,
    /**
     * The mean distance of the image's {@link dev.latentlab.vae.EncoderFeatures} to their nearest among a sample of the training
     * images' (conv models only).
     */
    FEATURES,
    /** −log p(μ) under a Gaussian mixture fitted on the training latent means. */
    LATENT_DENSITY,
    /** −log p under the classifier's own mixture, in the space it was fitted in (the UMAP embedding or μ). */
    MIXTURE_DENSITY;

    /** The score's name in files and on the command line: the constant's name in lower case. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The score of {@code key}. */
    public static NoveltyScore of(String key) {
        return Arrays.stream(values()).filter(s -> s.key().equals(key)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no novelty score " + key));
    }

    /**
     * What a score is computed from: the images' loss terms ({@link dev.latentlab.vae.VaeModel#imageLoss}) and latent means, and the
     * references a score needs (null where it does not need them).
     *
     * @param loss       per image {reconstruction, KLD}
     * @param mu         latent means
     * @param mixtureX   what the classifier's mixture sees of μ (μ itself, or the embedding)
     * @param features   the images' {@link dev.latentlab.vae.VaeModel#encoderFeatures}
     */
    public record Inputs(double[][] loss, double[][] mu, double[][] mixtureX, double[][] features) {
    }

    /**
     * The references of the latent scores.
     *
     * @param neighbours     the training latent means (KNN), or the training images' features (FEATURES)
     * @param latentMixture  a mixture on the training latent means (LATENT_DENSITY)
     * @param classifierMixture the classifier's mixture (MIXTURE_DENSITY)
     */
    public record References(LatentNeighbours neighbours, GaussianMixture latentMixture,
                             GaussianMixture classifierMixture) {
    }

    /** True when the score needs the images' loss terms (a decoder pass), not only their latent means. */
    public boolean needsLoss() {
        return this == RECONSTRUCTION || this == ELBO;
    }

    /** What this score needs of {@code images} ([N, C, H, W] in [0, 1]) whose latent means are {@code mu}. */
    public Inputs inputs(LatentClassifier model, INDArray images, double[][] mu) {
        return new Inputs(needsLoss() ? model.vae().imageLoss(images) : null, mu,
                this == MIXTURE_DENSITY ? model.mixtureInput(mu) : null,
                this == FEATURES ? model.vae().encoderFeatures(images) : null);
    }

    /** The score of every image. */
    public double[] of(Inputs in, References refs) {
        return switch (this) {
            case RECONSTRUCTION -> Arrays.stream(in.loss()).mapToDouble(r -> r[0]).toArray();
            case ELBO -> Arrays.stream(in.loss()).mapToDouble(r -> r[0] + r[1]).toArray();
            case KNN -> refs.neighbours().meanDistance(in.mu());
            case FEATURES -> refs.neighbours().meanDistance(in.features());
            case LATENT_DENSITY -> negate(refs.latentMixture().logLikelihood(in.mu()));
            case MIXTURE_DENSITY -> negate(refs.classifierMixture().logLikelihood(in.mixtureX()));
        };
    }

    private static double[] negate(double[] v) {
        return Arrays.stream(v).map(x -> -x).toArray();
    }
}
