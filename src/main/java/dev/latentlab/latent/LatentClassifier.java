package dev.latentlab.latent;

import dev.latentlab.BadInputException;
import dev.latentlab.data.ImageResizer;
import dev.latentlab.data.ImageSet;
import dev.latentlab.manifold.LatentEmbedding;
import dev.latentlab.mixture.MixtureClassifier;
import dev.latentlab.mixture.MixturePrediction;
import dev.latentlab.vae.ModelArchitecture;
import dev.latentlab.vae.VaeModel;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A trained VAE encoder and a Gaussian mixture classifier on its latent means: images → μ → (optionally) their
 * place in a UMAP embedding of the training means → most likely component → that component's label.
 *
 * @param vae        the trained VAE
 * @param embedding  the UMAP embedding the mixture was fitted in; null = the mixture sees the latent means
 * @param classifier the mixture fitted on the training latents (or their embedding), with its component → label
 *                   mapping
 */
public record LatentClassifier(VaeModel vae, LatentEmbedding embedding, MixtureClassifier classifier) {
    private static final Logger LOG = LoggerFactory.getLogger(LatentClassifier.class);

    /** A classifier whose mixture sees the latent means themselves. */
    public LatentClassifier(VaeModel vae, MixtureClassifier classifier) {
        this(vae, null, classifier);
    }

    /** The latent means of {@code images} ([N, 1, H, W] in [0, 1]) as N x latent_dim doubles. */
    public double[][] encode(INDArray images) {
        return latentMeans(vae, images);
    }

    /** The latent means of {@code images} under {@code vae} as N x latent_dim doubles. */
    public static double[][] latentMeans(VaeModel vae, INDArray images) {
        try (INDArray mu = vae.encodeMean(images)) {
            return toRows(mu);
        }
    }

    /** What the mixture sees of latent means {@code z}: the means themselves, or their place in the embedding. */
    public double[][] mixtureInput(double[][] z) {
        return embedding == null ? z : embedding.transform(z);
    }

    /**
     * {@code images} as the model takes them: refused (one line naming {@code where}) when their channels differ
     * from the model's (1 grey, 3 RGB), resized to the model's height and width when those differ (one line says
     * so; {@link ImageResizer}: area averaging when shrinking, bilinear when growing).
     */
    public static ImageSet conform(ModelArchitecture architecture, ImageSet images, String where) {
        if (images.channels() != architecture.channels()) {
            throw new BadInputException(where + ": images have " + images.channels() + " channel"
                    + (images.channels() == 1 ? " (grey)" : "s (RGB)") + ", the model takes " + architecture.channels()
                    + " (its input is [" + architecture.channels() + ", " + architecture.height() + ", "
                    + architecture.width() + "])");
        }
        if (images.height() != architecture.height() || images.width() != architecture.width()) {
            LOG.warn("{}: images are {}x{}, resized to {}x{} (the model's input)", where, images.height(),
                    images.width(), architecture.height(), architecture.width());
            return ImageResizer.resize(images, architecture.height(), architecture.width());
        }
        return images;
    }

    /** Predicted labels of {@code images}. */
    public int[] predict(INDArray images) {
        return classify(images).labels();
    }

    /**
     * Label, component and component/class posteriors of every image of {@code images}: encode, place in the
     * embedding when there is one, then classify.
     */
    public MixturePrediction classify(INDArray images) {
        return classifier.classify(mixtureInput(encode(images)));
    }

    static double[][] toRows(INDArray matrix) {
        int n = (int) matrix.size(0), d = (int) matrix.size(1);
        double[] flat = matrix.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).reshape((long) n * d).toDoubleVector();
        double[][] rows = new double[n][d];
        for (int i = 0; i < n; i++) {
            System.arraycopy(flat, i * d, rows[i], 0, d);
        }
        return rows;
    }
}
