package dev.latentlab.vae;

import dev.latentlab.manifold.LatentEmbedding;
import dev.latentlab.mixture.MixtureClassifier;
import dev.latentlab.mixture.MixturePrediction;
import org.nd4j.linalg.api.ndarray.INDArray;

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

    /** Predicted labels of {@code images}. */
    /** Refuses (naming {@code where}) images of another size than the VAE's input, before any work. */
    public static void checkInput(ModelArchitecture architecture, dev.latentlab.data.ImageSet images, String where) {
        if (images.height() != architecture.height() || images.width() != architecture.width()) {
            throw new dev.latentlab.BadInputException(where + ": images are " + images.height() + "x"
                    + images.width() + ", expected " + architecture.height() + "x" + architecture.width()
                    + " (the model's input)");
        }
    }

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
