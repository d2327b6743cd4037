package dev.latentlab.vae;

import dev.latentlab.rng.RandomStreams;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * A trained or untrained model — the convolutional VAE ({@link ConvVaeGraph}) or the dense autoencoder
 * ({@link DenseAutoencoderGraph}, a VAE or a plain autoencoder), its graph with its weights — for inference: encoding
 * to μ (a plain autoencoder's code), decoding, reconstruction and loss, all without dropout and batched internally, so
 * results do not depend on how the caller groups images. Only {@link VaeTrainer} changes its weights; from the
 * outside it is read-only. Not thread-safe (SameDiff's execution is not).
 *
 * <p>Images are [n, C, H, W] (or [n, C·H·W]) float arrays with values in [0, 1]; latent codes are [n, latent].
 */
public final class VaeModel {
    /** Images per internal inference batch. */
    static final int INFERENCE_BATCH = 256;

    private final SameDiff graph;
    private final ModelArchitecture architecture;
    private final long seed;

    VaeModel(SameDiff graph, ModelArchitecture architecture, long seed) {
        this.graph = graph;
        this.architecture = architecture;
        this.seed = seed;
    }

    /** A model with fresh weights drawn from {@code seed}. */
    public static VaeModel untrained(ModelArchitecture architecture, long seed) {
        return new VaeModel(architecture.graph(seed), architecture, seed);
    }

    /** Reads a model written by {@link #save}; its updater state comes with it. */
    public static VaeModel load(Path dir) throws IOException {
        return VaeModelFiles.load(dir);
    }

    /** Writes the graph (with weights and updater state) and a JSON sidecar into {@code dir}, each atomically. */
    public void save(Path dir) throws IOException {
        VaeModelFiles.save(this, dir);
    }

    public ModelArchitecture architecture() {
        return architecture;
    }

    /** The seed the weights were initialised from. */
    public long seed() {
        return seed;
    }

    /** μ of the posterior of each image: [n, latent]. */
    public INDArray encodeMean(INDArray images) {
        INDArray x = asImages(images);
        return mapBatches(x, architecture.latentDim(), chunk -> {
            try (StepNoise noDropout = StepNoise.inference(architecture, chunk.size(0), null)) {
                return single(noDropout.withImages(chunk), GraphNames.MU);
            }
        });
    }

    /** μ of each image given as a row of C·H·W values: one latent row per image. */
    public float[][] encodeMean(float[][] images) {
        try (INDArray x = toArray(images); INDArray mu = encodeMean(x)) {
            return mu.toFloatMatrix();
        }
    }

    /**
     * The {@link EncoderFeatures} of each image (the last encoder convolution, pooled to 3 × 3, unit length), for
     * the {@code features} novelty score; null for a dense model, which has no convolution.
     */
    public double[][] encoderFeatures(INDArray images) {
        if (!(architecture instanceof VaeArchitecture conv)) {
            return null;
        }
        int last = conv.layers() - 1;
        int c = conv.channelsAfter(last);
        int h = conv.heightAfter(last);
        int w = conv.widthAfter(last);
        int per = c * h * w;
        return mapRows(asImages(images), chunk -> {
            try (StepNoise noDropout = StepNoise.inference(architecture, chunk.size(0), null);
                 INDArray maps = single(noDropout.withImages(chunk), ConvVaeGraph.encoderLayer(last))) {
                float[] flat = maps.dup('c').data().asFloat();
                double[][] rows = new double[(int) chunk.size(0)][];
                for (int i = 0; i < rows.length; i++) {
                    rows[i] = EncoderFeatures.of(java.util.Arrays.copyOfRange(flat, i * per, (i + 1) * per), c, h, w);
                }
                return rows;
            }
        });
    }

    /** The decoder's output (sigmoid, [n, C, H, W]) for latent codes [n, latent]. */
    public INDArray decode(INDArray z) {
        if (z.rank() != 2 || z.size(1) != architecture.latentDim()) {
            throw new IllegalArgumentException("latent codes must be [n, " + architecture.latentDim() + "], got "
                    + java.util.Arrays.toString(z.shape()));
        }
        INDArray codes = z.dataType() == DataType.FLOAT ? z : z.castTo(DataType.FLOAT);
        return mapBatches(codes, -1, chunk -> single(Map.of(GraphNames.Z_IN, chunk), GraphNames.DECODED));
    }

    /** decode(μ(x)): the deterministic reconstruction of each image, [n, C, H, W]. */
    public INDArray reconstruct(INDArray images) {
        try (INDArray mu = encodeMean(images)) {
            return decode(mu);
        }
    }

    /**
     * Mean loss terms over the images with dropout off. A VAE's reconstruction term uses a sampled z = μ + σ·ε
     * (the loss is the negative ELBO, an expectation over z), ε drawn from a generator seeded with the model's
     * seed: the same images give the same loss. A plain autoencoder's KLD is 0.
     */
    public VaeLoss loss(INDArray images) {
        INDArray x = asImages(images);
        SplittableRandom random = RandomStreams.splittable(seed, "vae.loss_noise");
        LossAccumulator sum = new LossAccumulator();
        long n = x.size(0);
        for (long from = 0; from < n; from += INFERENCE_BATCH) {
            long to = Math.min(n, from + INFERENCE_BATCH);
            try (INDArray chunk = x.get(NDArrayIndex.interval(from, to)).dup()) {
                sum.add(batchLoss(chunk, random), to - from);
            }
        }
        return sum.mean();
    }

    /**
     * Per-image loss terms at z = μ, without dropout: {@code [n][0]} the reconstruction term of decode(μ) summed
     * over the pixels (BCE, or the squared error of an {@code mse} model), {@code [n][1]} the KL divergence of
     * the posterior from the prior (0 for a plain autoencoder). Deterministic: the novelty scores use them.
     */
    public double[][] imageLoss(INDArray images) {
        return mapRows(asImages(images), this::chunkLoss);
    }

    /** Applies {@code f} to row chunks of at most {@link #INFERENCE_BATCH} images and joins its rows, in order. */
    private static double[][] mapRows(INDArray x, java.util.function.Function<INDArray, double[][]> f) {
        double[][] out = new double[(int) x.size(0)][];
        for (long from = 0; from < x.size(0); from += INFERENCE_BATCH) {
            long to = Math.min(x.size(0), from + INFERENCE_BATCH);
            try (INDArray chunk = x.get(NDArrayIndex.interval(from, to)).dup()) {
                double[][] rows = f.apply(chunk);
                System.arraycopy(rows, 0, out, (int) from, rows.length);
            }
        }
        return out;
    }

    private double[][] chunkLoss(INDArray chunk) {
        Map<String, INDArray> latent;
        String[] names = architecture.variational() ? new String[]{GraphNames.MU, GraphNames.LOGVAR}
                : new String[]{GraphNames.MU};
        try (StepNoise noDropout = StepNoise.inference(architecture, chunk.size(0), null)) {
            latent = graph.output(noDropout.withImages(chunk), names);
        }
        INDArray mu = latent.get(GraphNames.MU);
        double[] recon;
        try (INDArray decoded = decode(mu)) {
            recon = reconstructionTerm(chunk, decoded);
        }
        double[] kld = new double[recon.length];
        if (architecture.variational()) {
            INDArray logvar = latent.get(GraphNames.LOGVAR);
            // KL(N(μ, σ²) || N(0, 1)) = -½ Σ (1 + log σ² - μ² - σ²)
            try (INDArray terms = logvar.add(1.0).subi(mu.mul(mu)).subi(Transforms.exp(logvar, true));
                 INDArray sums = terms.sum(1).muli(-0.5)) {
                kld = sums.castTo(DataType.DOUBLE).toDoubleVector();
            }
        }
        latent.values().forEach(INDArray::close);
        double[][] rows = new double[recon.length][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = new double[]{recon[i], kld[i]};
        }
        return rows;
    }

    /** Σ over the pixels of BCE(x, p) (p clipped away from 0 and 1), or of (x - p)² for an {@code mse} model. */
    private double[] reconstructionTerm(INDArray x, INDArray p) {
        INDArray perPixel;
        if (architecture.loss() == ReconstructionLoss.MSE) {
            perPixel = x.sub(p);
            perPixel.muli(perPixel);
        } else {
            try (INDArray q = Transforms.max(Transforms.min(p, 1 - 1e-7, true), 1e-7, false);
                 INDArray logQ = Transforms.log(q, true); INDArray log1Q = Transforms.log(q.rsub(1.0), false)) {
                perPixel = x.mul(logQ).addi(x.rsub(1.0).muli(log1Q)).negi();
            }
        }
        try (perPixel; INDArray sums = perPixel.reshape(perPixel.size(0), -1).sum(1)) {
            return sums.castTo(DataType.DOUBLE).toDoubleVector();
        }
    }

    /** Loss terms of one batch without dropout, ε drawn from {@code random}. */
    VaeLoss batchLoss(INDArray batch, RandomGenerator random) {
        Map<String, INDArray> out;
        String[] outputs = architecture.variational()
                ? new String[]{GraphNames.LOSS, GraphNames.BCE_MEAN, GraphNames.KLD_MEAN}
                : new String[]{GraphNames.LOSS, GraphNames.BCE_MEAN};
        try (StepNoise noise = StepNoise.inference(architecture, batch.size(0), random)) {
            out = graph.output(noise.withImages(batch), outputs);
        }
        VaeLoss loss = new VaeLoss(out.get(GraphNames.LOSS).getDouble(0), out.get(GraphNames.BCE_MEAN).getDouble(0),
                architecture.variational() ? out.get(GraphNames.KLD_MEAN).getDouble(0) : 0.0);
        out.values().forEach(INDArray::close);
        return loss;
    }

    /** The SameDiff graph itself, for the trainer and for file I/O. */
    SameDiff graph() {
        return graph;
    }

    /** Checks the shape of an image batch and views [n, C·H·W] as [n, C, H, W]. */
    INDArray asImages(INDArray images) {
        ModelArchitecture a = architecture;
        if (images.rank() == 2 && images.size(1) == a.imageSize()) {
            return images.reshape('c', images.size(0), a.channels(), a.height(), a.width()).castTo(DataType.FLOAT);
        }
        if (images.rank() != 4 || images.size(1) != a.channels() || images.size(2) != a.height()
                || images.size(3) != a.width()) {
            throw new IllegalArgumentException("images must be [n, " + a.channels() + ", " + a.height() + ", "
                    + a.width() + "] or [n, " + a.imageSize() + "], got " + java.util.Arrays.toString(images.shape()));
        }
        return images.dataType() == DataType.FLOAT ? images : images.castTo(DataType.FLOAT);
    }

    private INDArray toArray(float[][] images) {
        int size = architecture.imageSize();
        float[] flat = new float[images.length * size];
        for (int i = 0; i < images.length; i++) {
            if (images[i].length != size) {
                throw new IllegalArgumentException("image " + i + " has " + images[i].length + " values, expected " + size);
            }
            System.arraycopy(images[i], 0, flat, i * size, size);
        }
        return Nd4j.create(flat, new long[]{images.length, architecture.channels(), architecture.height(),
                architecture.width()}, 'c');
    }

    private INDArray single(Map<String, INDArray> placeholders, String output) {
        return graph.output(placeholders, output).get(output);
    }

    /** Applies {@code f} to row chunks of at most {@link #INFERENCE_BATCH} and stacks the results. */
    private INDArray mapBatches(INDArray x, int width, java.util.function.Function<INDArray, INDArray> f) {
        long n = x.size(0);
        INDArray result = null;
        for (long from = 0; from < n; from += INFERENCE_BATCH) {
            long to = Math.min(n, from + INFERENCE_BATCH);
            try (INDArray chunk = x.get(NDArrayIndex.interval(from, to)).dup(); INDArray out = f.apply(chunk)) {
                if (result == null) {
                    long[] shape = out.shape().clone();
                    shape[0] = n;
                    result = Nd4j.create(DataType.FLOAT, shape);
                }
                result.get(NDArrayIndex.interval(from, to)).assign(out);
            }
        }
        if (result == null) {
            long[] shape = width > 0 ? new long[]{0, width}
                    : new long[]{0, architecture.channels(), architecture.height(), architecture.width()};
            result = Nd4j.create(DataType.FLOAT, shape);
        }
        return result;
    }
}
