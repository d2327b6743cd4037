package dev.latentlab.vae;

import java.util.List;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * The shape of a model the trainer, the model files and the latent classifier work with: the convolutional VAE
 * ({@link VaeArchitecture}) or the fully connected autoencoder ({@link DenseArchitecture}, a VAE or a plain
 * autoencoder). Each knows its graph builder and the dropout masks that graph takes.
 */
public sealed interface ModelArchitecture permits VaeArchitecture, DenseArchitecture {
    /** Input height in pixels. */
    int height();

    /** Input width in pixels. */
    int width();

    /** Input channels. */
    int channels();

    /** Latent (code) dimension. */
    int latentDim();

    /** Weight of the KL divergence in the loss (0 for a plain autoencoder). */
    double beta();

    /** True for a VAE (ε, log σ², KL term); false for a plain autoencoder whose latent is its code. */
    boolean variational();

    /** The reconstruction term: {@code bce} (sigmoid output) or {@code mse} (linear output, squared error). */
    ReconstructionLoss loss();

    /** Values per input image, channels·height·width. */
    default int imageSize() {
        return channels() * height() * width();
    }

    /** The graph's dropout-mask placeholders, in the order {@link StepNoise} draws them. */
    List<DropoutMask> dropoutMasks();

    /** A new graph of this shape with weights drawn from {@code seed}; no training config attached. */
    SameDiff graph(long seed);
}
