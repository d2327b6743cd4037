package dev.latentlab.vae;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Builds the SameDiff graph of a {@link DenseArchitecture}, with the placeholders and outputs of
 * {@link GraphNames} (as {@link ConvVaeGraph}, so the same trainer, noise and model files serve it): the image
 * [-1, C, H, W] flattened, hidden layers x·W + b with ReLU, each followed by its dropout mask
 * ({@link #hiddenMask}, [-1, width]) when the architecture has dropout, then {@link LatentHead}: μ, log σ² and a
 * sampled z, or a plain autoencoder's linear code. The decoder mirrors the hidden layers (ReLU) and ends in a
 * linear layer to C·H·W logits: {@code bce} reads them through a sigmoid (BCE from the logits), {@code mse} as they are
 * (N2D's linear output; squared error summed over the pixels). {@link GraphNames#RECON} and
 * {@link GraphNames#DECODED} are images [-1, C, H, W] in [0, 1] (the {@code mse} output clipped to it). Weights:
 * He-normal for ReLU layers, Xavier-normal for the latent heads and the output layer, zero biases, from the seed.
 */
final class DenseAutoencoderGraph {
    private final DenseArchitecture arch;
    private final SameDiff sd = SameDiff.create();
    private final GraphWeights weights;

    private DenseAutoencoderGraph(DenseArchitecture arch, long seed) {
        this.arch = arch;
        this.weights = new GraphWeights(sd, seed);
    }

    /** A new graph of {@code arch} with weights drawn from {@code seed}; no training config attached. */
    static SameDiff build(DenseArchitecture arch, long seed) {
        return new DenseAutoencoderGraph(arch, seed).assemble();
    }

    /** The placeholder of the dropout mask after hidden encoder layer {@code layer} (0-based). */
    static String hiddenMask(int layer) {
        return "mask_h" + layer;
    }

    /** One mask [width] per hidden encoder layer (keep 1 − dropout); none without dropout. */
    static List<DropoutMask> masks(DenseArchitecture arch) {
        if (arch.dropout() == 0) {
            return List.of();
        }
        List<DropoutMask> masks = new ArrayList<>();
        for (int i = 0; i < arch.layers().size(); i++) {
            masks.add(new DropoutMask(hiddenMask(i), 1 - arch.dropout(), arch.layers().get(i)));
        }
        return List.copyOf(masks);
    }

    private SameDiff assemble() {
        int pixels = arch.imageSize();
        SDVariable input = sd.placeHolder(GraphNames.INPUT, DataType.FLOAT, -1, arch.channels(), arch.height(),
                arch.width());
        SDVariable zIn = sd.placeHolder(GraphNames.Z_IN, DataType.FLOAT, -1, arch.latentDim());
        SDVariable flat = sd.reshape(input, -1, pixels);

        SDVariable h = flat;
        int width = pixels;
        for (int i = 0; i < arch.layers().size(); i++) {
            int out = arch.layers().get(i);
            h = relu(weights.dense("enc" + i, h, width, out, true));
            if (arch.dropout() > 0) {
                h = h.mul(sd.placeHolder(hiddenMask(i), DataType.FLOAT, -1, out));
            }
            width = out;
        }
        LatentHead latent = arch.variational()
                ? LatentHead.variational(sd, weights, h, width, arch.latentDim())
                : LatentHead.code(sd, weights, h, width, arch.latentDim());

        Decoder decoder = new Decoder();
        SDVariable logits = sd.identity(GraphNames.LOGITS, decoder.logits(latent.z()));
        sd.identity(GraphNames.RECON, image(logits));
        sd.identity(GraphNames.DECODED, image(decoder.logits(zIn)));

        SDVariable recon = mse() ? sd.math().square(logits.sub(flat)).sum(1) : bce(logits, flat).sum(1);
        latent.lossOutputs(sd, recon, arch.beta());
        return sd;
    }

    /**
     * BCE of each pixel from its logit l, max(l, 0) − l·x + log(1 + exp(−|l|)), in elementary ops. Not
     * {@code sd.loss().sigmoidCrossEntropy}: in SameDiff M2.1 its gradient under a later mean over the batch comes
     * out multiplied by the batch size (measured: n copies of one image give the same loss and n times the
     * decoder's gradient; {@code DenseAutoencoderGraphTest} checks every gradient against a finite difference).
     */
    private SDVariable bce(SDVariable logits, SDVariable x) {
        SDVariable softplus = sd.math().log(sd.math().exp(sd.math().abs(logits).neg()).add(1.0));
        return relu(logits).sub(logits.mul(x)).add(softplus);
    }

    private boolean mse() {
        return arch.loss() == ReconstructionLoss.MSE;
    }

    /** Logits [-1, C·H·W] as images [-1, C, H, W] in [0, 1]: sigmoid (bce) or clipped (mse). */
    private SDVariable image(SDVariable logits) {
        SDVariable unit = mse() ? sd.math().clipByValue(logits, 0.0, 1.0) : sd.nn().sigmoid(logits);
        return sd.reshape(unit, -1, arch.channels(), arch.height(), arch.width());
    }

    private SDVariable relu(SDVariable x) {
        return sd.nn().relu(x, 0.0);
    }

    /** The decoder's weights, created once and applied to any latent input (the training z or {@code Z_IN}). */
    private final class Decoder {
        private final List<SDVariable[]> layers = new ArrayList<>();

        Decoder() {
            int in = arch.latentDim();
            for (int i = arch.layers().size() - 1; i >= -1; i--) {
                boolean last = i < 0;
                int out = last ? arch.imageSize() : arch.layers().get(i);
                String name = last ? "dec_out" : "dec" + i;
                layers.add(new SDVariable[]{weights.normal(name + "_W", !last, in, out, in, out),
                        weights.zeros(name + "_b", out)});
                in = out;
            }
        }

        /** The decoder applied to {@code z}: ReLU hidden layers, linear output (the logits). */
        SDVariable logits(SDVariable z) {
            SDVariable d = z;
            for (int j = 0; j < layers.size(); j++) {
                SDVariable[] wb = layers.get(j);
                d = d.mmul(wb[0]).add(wb[1]);
                if (j < layers.size() - 1) {
                    d = relu(d);
                }
            }
            return d;
        }
    }
}
