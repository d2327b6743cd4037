package dev.latentlab.vae;

import java.util.List;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * Shape of the convolutional VAE ({@code model.type: conv}), validated on construction. The encoder is a stack of 3x3 convolutions
 * (padding 1, ReLU, spatial dropout) with the given widths and strides (1 or 2), then a dense layer (ReLU,
 * dropout) and two dense heads for μ and log σ². The decoder mirrors it: a dense layer latent → C·h·w (ReLU),
 * then 3x3 transposed convolutions in reverse order back to {@code channels × height × width}, sigmoid output.
 * Every stride-2 layer halves the spatial size exactly, so the decoder's stride-2 transposed convolutions
 * (PyTorch's {@code ConvTranspose2d(k=3, s=2, p=1, output_padding=1)}) double it back.
 *
 * @param height          input height in pixels (>= 1)
 * @param width           input width in pixels (>= 1)
 * @param channels        input channels (>= 1)
 * @param encoderChannels output width of each encoder convolution (each >= 1, at least one layer)
 * @param encoderStrides  stride of each encoder convolution (1 or 2; as many as widths)
 * @param denseWidth      width of the dense layer after the convolutions (>= 1)
 * @param latentDim       latent dimension (>= 2)
 * @param dropout         drop probability of the spatial (conv) and plain (dense) dropout, in [0, 1)
 * @param beta            weight of the KL divergence in the loss (finite, >= 0)
 * @param decoderDropout  drop probability of spatial dropout after each hidden transposed convolution, in [0, 1)
 *                        (0 = none; saved models without the key have none)
 */
public record VaeArchitecture(int height, int width, int channels, List<Integer> encoderChannels,
                              List<Integer> encoderStrides, int denseWidth, int latentDim, double dropout,
                              double beta, double decoderDropout) implements ModelArchitecture {
    /** Kernel size of every (transposed) convolution. */
    public static final int KERNEL = 3;
    /** Zero padding of every convolution. */
    public static final int PADDING = 1;

    /** The source document's architecture: 1x28x28, widths 32,64,128,128,256, strides 1,2,1,2,1, dense 512, latent 2. */
    public static final VaeArchitecture DEFAULT = new VaeArchitecture(28, 28, 1, List.of(32, 64, 128, 128, 256),
            List.of(1, 2, 1, 2, 1), 512, 2, 0.2, 0.5, 0.0);

    public VaeArchitecture {
        require(height >= 1 && width >= 1, "input size must be >= 1, got " + height + "x" + width);
        require(channels >= 1, "channels must be >= 1, got " + channels);
        require(encoderChannels != null && !encoderChannels.isEmpty(), "encoder_channels must name at least one layer");
        require(encoderStrides != null && encoderStrides.size() == encoderChannels.size(),
                "encoder_strides must have one stride per encoder layer (" + encoderChannels.size() + "), got "
                        + (encoderStrides == null ? "none" : encoderStrides.size()));
        encoderChannels = List.copyOf(encoderChannels);
        encoderStrides = List.copyOf(encoderStrides);
        for (int c : encoderChannels) {
            require(c >= 1, "encoder_channels must all be >= 1, got " + encoderChannels);
        }
        int h = height;
        int w = width;
        for (int i = 0; i < encoderStrides.size(); i++) {
            int s = encoderStrides.get(i);
            require(s == 1 || s == 2, "encoder_strides must be 1 or 2, got " + s + " at layer " + i);
            require(h % s == 0 && w % s == 0, "encoder layer " + i + " has stride " + s + " but its input is "
                    + h + "x" + w + " (stride-2 layers need even sizes so the decoder can mirror them)");
            h /= s;
            w /= s;
        }
        require(denseWidth >= 1, "dense_width must be >= 1, got " + denseWidth);
        require(latentDim >= 2, "latent_dim must be >= 2 (SameDiff M2.1 fails to train a 1-D latent), got " + latentDim);
        require(dropout >= 0 && dropout < 1, "dropout must be in [0, 1), got " + dropout);
        require(decoderDropout >= 0 && decoderDropout < 1, "decoder_dropout must be in [0, 1), got " + decoderDropout);
        require(beta >= 0 && Double.isFinite(beta), "beta must be finite and >= 0, got " + beta);
    }

    /** The conv model is always a VAE. */
    @Override
    public boolean variational() {
        return true;
    }

    /** The conv model's reconstruction term is BCE. */
    @Override
    public ReconstructionLoss loss() {
        return ReconstructionLoss.BCE;
    }

    @Override
    public List<DropoutMask> dropoutMasks() {
        return ConvVaeGraph.masks(this);
    }

    @Override
    public SameDiff graph(long seed) {
        return ConvVaeGraph.build(this, seed);
    }

    /** Number of encoder (and decoder) convolution layers. */
    public int layers() {
        return encoderChannels.size();
    }

    /** Spatial height after encoder layer {@code i} ({@code i = -1}: the input). */
    public int heightAfter(int i) {
        int h = height;
        for (int j = 0; j <= i; j++) {
            h /= encoderStrides.get(j);
        }
        return h;
    }

    /** Spatial width after encoder layer {@code i} ({@code i = -1}: the input). */
    public int widthAfter(int i) {
        int w = width;
        for (int j = 0; j <= i; j++) {
            w /= encoderStrides.get(j);
        }
        return w;
    }

    /** Channels after encoder layer {@code i} ({@code i = -1}: the input). */
    public int channelsAfter(int i) {
        return i < 0 ? channels : encoderChannels.get(i);
    }

    /** Size of the flattened encoder output, C·h·w of the last convolution. */
    public int flatFeatures() {
        int last = layers() - 1;
        return channelsAfter(last) * heightAfter(last) * widthAfter(last);
    }

    /** An architecture without decoder dropout. */
    public VaeArchitecture(int height, int width, int channels, List<Integer> encoderChannels,
                           List<Integer> encoderStrides, int denseWidth, int latentDim, double dropout, double beta) {
        this(height, width, channels, encoderChannels, encoderStrides, denseWidth, latentDim, dropout, beta, 0.0);
    }

    /** Keep-probability of the dropout layers during training, 1 − dropout. */
    public double keepProbability() {
        return 1 - dropout;
    }

    /** This architecture with another latent dimension. */
    public VaeArchitecture withLatentDim(int newLatentDim) {
        return new VaeArchitecture(height, width, channels, encoderChannels, encoderStrides, denseWidth,
                newLatentDim, dropout, beta, decoderDropout);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
