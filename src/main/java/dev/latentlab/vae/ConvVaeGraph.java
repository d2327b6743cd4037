package dev.latentlab.vae;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.autodiff.loss.LossReduce;
import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.enums.WeightsFormat;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.DeConv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Builds the SameDiff graph of a {@link VaeArchitecture}, weights initialised deterministically from a seed
 * (He-normal for ReLU layers, Xavier-normal for the μ/log σ² heads and the output layer, zero biases).
 *
 * <p>Placeholders: {@link #INPUT} [-1, C, H, W] in [0, 1]; the graph's randomness, fed by {@link StepNoise}:
 * {@link #EPSILON} [-1, latent] (ε ~ N(0, 1)), one spatial dropout mask per encoder layer
 * ({@link #encoderMask}, [-1, C_i, 1, 1]), {@link #DENSE_MASK} [-1, dense] and, with decoder dropout, one per hidden
 * decoder layer ({@link #decoderMask}; the training path only) (inverted-dropout masks: 0 or
 * 1/keep; all ones = inference); {@link #Z_IN} [-1, latent] feeding the decoder alone (outputs {@link #DECODED}),
 * sharing the decoder's weights with the training path. Outputs: {@link #MU}, {@link #LOGVAR},
 * {@link #Z} = μ + exp(½ log σ²)·ε, {@link #LOGITS} = decoder(z), {@link #RECON} = sigmoid(logits),
 * {@link #LOSS} = mean over the batch of (Σ-over-pixels BCE + β·KLD) (the loss variable), {@link #BCE_MEAN},
 * {@link #KLD_MEAN}. No random op lives in the graph: SameDiff M2.1's {@code fit} does not draw in-graph random
 * ops from ND4J's seeded generator (measured: two fits from the same seed drew different masks), so the noise comes
 * in as placeholders and a seed makes training reproducible.
 */
public final class ConvVaeGraph {
    public static final String INPUT = GraphNames.INPUT;
    public static final String EPSILON = GraphNames.EPSILON;
    public static final String DENSE_MASK = "mask_dense";
    public static final String Z_IN = GraphNames.Z_IN;
    public static final String MU = GraphNames.MU;
    public static final String LOGVAR = GraphNames.LOGVAR;
    public static final String Z = GraphNames.Z;
    public static final String LOGITS = GraphNames.LOGITS;
    public static final String RECON = GraphNames.RECON;
    public static final String DECODED = GraphNames.DECODED;
    public static final String LOSS = GraphNames.LOSS;
    public static final String BCE_MEAN = GraphNames.BCE_MEAN;
    public static final String KLD_MEAN = GraphNames.KLD_MEAN;

    private final VaeArchitecture arch;
    private final SameDiff sd = SameDiff.create();
    private final GraphWeights weights;

    private ConvVaeGraph(VaeArchitecture arch, long seed) {
        this.arch = arch;
        this.weights = new GraphWeights(sd, seed);
    }

    /** The placeholder of the spatial dropout mask after encoder layer {@code layer}. */
    public static String encoderMask(int layer) {
        return "mask_enc" + layer;
    }

    /** The name of encoder convolution {@code layer}'s output (before its ReLU and dropout). */
    public static String encoderLayer(int layer) {
        return "enc" + layer;
    }

    /**
     * The placeholder of the spatial dropout mask after the decoder's transposed convolution that mirrors encoder
     * layer {@code layer} (1 ≤ layer; the last, layer 0, gives the image and has none).
     */
    public static String decoderMask(int layer) {
        return "mask_dec" + layer;
    }

    /**
     * The placeholders a training step feeds, in this order: the images, ε, the encoder masks, the dense mask and,
     * with decoder dropout, the decoder masks.
     */
    public static List<String> trainingInputs(VaeArchitecture arch) {
        return GraphNames.trainingInputs(arch);
    }

    /**
     * The dropout masks, in this order: one spatial mask [C_i, 1, 1] per encoder layer and the dense layer's
     * [dense] (keep 1 − dropout), then with decoder dropout one spatial mask per hidden decoder layer (keep 1 −
     * decoder dropout), from the deepest.
     */
    static List<DropoutMask> masks(VaeArchitecture arch) {
        List<DropoutMask> masks = new ArrayList<>();
        double keep = arch.keepProbability();
        for (int i = 0; i < arch.layers(); i++) {
            masks.add(new DropoutMask(encoderMask(i), keep, arch.channelsAfter(i), 1, 1));
        }
        masks.add(new DropoutMask(DENSE_MASK, keep, arch.denseWidth()));
        if (arch.decoderDropout() > 0) {
            for (int i = arch.layers() - 1; i >= 1; i--) {
                masks.add(new DropoutMask(decoderMask(i), 1 - arch.decoderDropout(), arch.channelsAfter(i - 1), 1, 1));
            }
        }
        return List.copyOf(masks);
    }

    /** A new graph of {@code arch} with weights drawn from {@code seed}; no training config attached. */
    public static SameDiff build(VaeArchitecture arch, long seed) {
        return new ConvVaeGraph(arch, seed).assemble();
    }

    private SameDiff assemble() {
        SDVariable input = sd.placeHolder(INPUT, DataType.FLOAT, -1, arch.channels(), arch.height(), arch.width());
        SDVariable zIn = sd.placeHolder(Z_IN, DataType.FLOAT, -1, arch.latentDim());

        SDVariable h = input;
        for (int i = 0; i < arch.layers(); i++) {
            h = relu(conv(encoderLayer(i), h, arch.channelsAfter(i - 1), arch.channelsAfter(i), arch.encoderStrides().get(i)));
            h = spatialDropout(h, encoderMask(i), i);
        }
        h = sd.reshape(h, -1, arch.flatFeatures());
        h = relu(dense("enc_fc", h, arch.flatFeatures(), arch.denseWidth(), true));
        h = h.mul(sd.placeHolder(DENSE_MASK, DataType.FLOAT, -1, arch.denseWidth()));
        LatentHead latent = LatentHead.variational(sd, weights, h, arch.denseWidth(), arch.latentDim());
        SDVariable z = latent.z();

        Decoder decoder = new Decoder();
        SDVariable logits = sd.identity(LOGITS, decoder.logits(z, arch.decoderDropout() > 0));
        sd.nn().sigmoid(RECON, logits);
        sd.nn().sigmoid(DECODED, decoder.logits(zIn, false));

        SDVariable bcePixels = sd.loss().sigmoidCrossEntropy("bce_pixels", input, logits, null, LossReduce.NONE, 0.0);
        SDVariable bce = bcePixels.sum(1, 2, 3);
        latent.lossOutputs(sd, bce, arch.beta());
        return sd;
    }

    /** The decoder's weights, created once and applied to any latent input (the training z or {@link #Z_IN}). */
    private final class Decoder {
        private final SDVariable fcW;
        private final SDVariable fcB;
        private final List<SDVariable[]> deconvs = new ArrayList<>();

        Decoder() {
            fcW = weight("dec_fc_W", true, arch.latentDim(), arch.flatFeatures(), arch.latentDim(), arch.flatFeatures());
            fcB = zeros("dec_fc_b", arch.flatFeatures());
            for (int i = arch.layers() - 1; i >= 0; i--) {
                int in = arch.channelsAfter(i);
                int out = arch.channelsAfter(i - 1);
                boolean last = i == 0;
                int k = VaeArchitecture.KERNEL;
                SDVariable w = weight("dec" + i + "_W", !last, in * k * k, out * k * k, k, k, out, in);
                deconvs.add(new SDVariable[]{w, zeros("dec" + i + "_b", out)});
            }
        }

        /** The decoder applied to {@code z}; with {@code dropout}, a decoder mask after each hidden layer. */
        SDVariable logits(SDVariable z, boolean dropout) {
            int last = arch.layers() - 1;
            SDVariable d = relu(z.mmul(fcW).add(fcB));
            d = sd.reshape(d, -1, arch.channelsAfter(last), arch.heightAfter(last), arch.widthAfter(last));
            for (int j = 0; j < deconvs.size(); j++) {
                int i = last - j;
                SDVariable[] wb = deconvs.get(j);
                d = deconv(d, wb[0], wb[1], arch.encoderStrides().get(i), arch.heightAfter(i), arch.widthAfter(i));
                if (i > 0) {
                    d = relu(d);
                    if (dropout) {
                        d = spatialDropout(d, decoderMask(i), i - 1);
                    }
                }
            }
            return d;
        }
    }

    private SDVariable conv(String name, SDVariable x, int in, int out, int stride) {
        int k = VaeArchitecture.KERNEL;
        SDVariable w = weight(name + "_W", true, in * k * k, out * k * k, k, k, in, out);   // [kH, kW, inC, outC]
        SDVariable b = zeros(name + "_b", out);
        Conv2DConfig config = Conv2DConfig.builder().kH(k).kW(k).sH(stride).sW(stride)
                .pH(VaeArchitecture.PADDING).pW(VaeArchitecture.PADDING)
                .paddingMode(PaddingMode.VALID)   // VALID + explicit padding == PyTorch padding=1
                .dataFormat(Conv2DConfig.NCHW).weightsFormat(WeightsFormat.YXIO).build();
        return sd.cnn().conv2d(name, x, w, b, config);
    }

    /**
     * Transposed convolution with weights [kH, kW, outC, inC]. Stride 1: padding 1, same size. Stride 2: PyTorch's
     * {@code ConvTranspose2d(k=3, s=2, p=1, output_padding=1)}, computed as a VALID transposed convolution without
     * padding (2n+1) cropped to rows/columns [1, 2n+1) — SAME mode would be slow (no oneDNN) and one pixel off.
     */
    private SDVariable deconv(SDVariable x, SDVariable w, SDVariable b, int stride, int inH, int inW) {
        int k = VaeArchitecture.KERNEL;
        int pad = stride == 1 ? VaeArchitecture.PADDING : 0;
        DeConv2DConfig config = DeConv2DConfig.builder().kH(k).kW(k).sH(stride).sW(stride).pH(pad).pW(pad)
                .dH(1).dW(1).isSameMode(false).dataFormat(DeConv2DConfig.NCHW).build();
        SDVariable y = sd.cnn().deconv2d(x, w, b, config);
        if (stride == 1) {
            return y;
        }
        SDIndex all = SDIndex.all();
        return y.get(all, all, SDIndex.interval(1, 2 * inH + 1), SDIndex.interval(1, 2 * inW + 1));
    }

    /** x·W + b with new weights (see {@link GraphWeights#dense}). */
    private SDVariable dense(String name, SDVariable x, int in, int out, boolean relu) {
        return weights.dense(name, x, in, out, relu);
    }

    private SDVariable relu(SDVariable x) {
        return sd.nn().relu(x, 0.0);
    }

    /**
     * Spatial dropout of a tensor shaped as encoder layer {@code layer}'s output, by the mask {@code maskName}: the
     * mask placeholder [b, C, 1, 1] expanded to [b, C, H, W] by a constant ones[1, 1, H, W] before the multiply (a
     * bare broadcast makes the backward pass slow).
     */
    private SDVariable spatialDropout(SDVariable x, String maskName, int layer) {
        SDVariable mask = sd.placeHolder(maskName, DataType.FLOAT, -1, arch.channelsAfter(layer), 1, 1);
        SDVariable ones = sd.constant(Nd4j.ones(DataType.FLOAT, 1, 1, arch.heightAfter(layer), arch.widthAfter(layer)));
        return x.mul(mask.mul(ones));
    }

    private SDVariable weight(String name, boolean reluInit, int fanIn, int fanOut, long... shape) {
        return weights.normal(name, reluInit, fanIn, fanOut, shape);
    }

    private SDVariable zeros(String name, int size) {
        return weights.zeros(name, size);
    }
}
