package dev.latentlab.vae;

import java.util.List;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * Shape of the fully connected autoencoder ({@code model.type: dense}; N2D's is 784-500-500-2000-10), validated on
 * construction: the flattened image, hidden layers of the given widths (ReLU, dropout), then the latent — μ and
 * log σ² heads with a sampled z for a VAE, or a linear code for a plain autoencoder — and a decoder that mirrors
 * the hidden layers (ReLU) back to the image: sigmoid output with the {@code bce} loss, linear with {@code mse}.
 *
 * @param height      input height in pixels (>= 1)
 * @param width       input width in pixels (>= 1)
 * @param channels    input channels (>= 1)
 * @param layers      the encoder's hidden widths, first to last (each >= 1, at least one)
 * @param latentDim   latent (code) dimension (>= 2)
 * @param dropout     drop probability after each hidden encoder layer, in [0, 1)
 * @param beta        weight of the KL divergence (finite, >= 0; 0 when not variational)
 * @param variational true: a VAE; false: a plain autoencoder (no ε, no KL term)
 * @param loss        {@code bce} or {@code mse}, summed over the pixels of an image
 */
public record DenseArchitecture(int height, int width, int channels, List<Integer> layers, int latentDim,
                                double dropout, double beta, boolean variational, ReconstructionLoss loss)
        implements ModelArchitecture {

    public DenseArchitecture {
        require(height >= 1 && width >= 1, "input size must be >= 1, got " + height + "x" + width);
        require(channels >= 1, "channels must be >= 1, got " + channels);
        require(layers != null && !layers.isEmpty(), "layers must name at least one hidden layer");
        layers = List.copyOf(layers);
        for (int w : layers) {
            require(w >= 1, "layers must all be >= 1, got " + layers);
        }
        require(latentDim >= 2, "latent_dim must be >= 2, got " + latentDim);
        require(dropout >= 0 && dropout < 1, "dropout must be in [0, 1), got " + dropout);
        require(beta >= 0 && Double.isFinite(beta), "beta must be finite and >= 0, got " + beta);
        require(variational || beta == 0, "beta must be 0 for a plain autoencoder, got " + beta);
        require(loss != null, "loss must be bce or mse, got null");
    }

    @Override
    public List<DropoutMask> dropoutMasks() {
        return DenseAutoencoderGraph.masks(this);
    }

    @Override
    public SameDiff graph(long seed) {
        return DenseAutoencoderGraph.build(this, seed);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
