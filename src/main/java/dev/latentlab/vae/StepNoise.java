package dev.latentlab.vae;

import dev.latentlab.rng.RandomStreams;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.nd4j.common.util.ArrayUtil;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The random inputs of one pass of a batch through a model graph: the dropout masks and (a VAE's) ε, drawn in Java
 * from a seeded generator (why they are placeholders and not in-graph ops: see {@link ConvVaeGraph}). Training
 * masks keep each unit (each channel, for the spatial masks) with its keep-probability and scale it by 1/keep;
 * inference masks are all ones. Owns its arrays: close it after the pass.
 */
final class StepNoise implements AutoCloseable {
    private final ModelArchitecture arch;
    private final Map<String, INDArray> arrays = new LinkedHashMap<>();

    private StepNoise(ModelArchitecture arch) {
        this.arch = arch;
    }

    /** Dropout masks and ε for a training step of {@code batch} images. */
    static StepNoise training(ModelArchitecture arch, long batch, RandomGenerator random) {
        StepNoise noise = new StepNoise(arch);
        noise.masks(batch, random);
        if (arch.variational()) {
            noise.arrays.put(GraphNames.EPSILON, gaussian(batch, arch.latentDim(), random));
        }
        return noise;
    }

    /** No dropout; ε drawn from {@code random}, or zero (z = μ) when {@code random} is null. */
    static StepNoise inference(ModelArchitecture arch, long batch, RandomGenerator random) {
        StepNoise noise = new StepNoise(arch);
        noise.masks(batch, null);
        if (arch.variational()) {
            noise.arrays.put(GraphNames.EPSILON, random == null
                    ? Nd4j.zeros(DataType.FLOAT, batch, arch.latentDim()) : gaussian(batch, arch.latentDim(), random));
        }
        return noise;
    }

    /** The generator of an epoch's training noise: a function of the run's seed and the epoch alone. */
    static SplittableRandom forEpoch(long seed, int epoch) {
        return RandomStreams.splittable(seed, "vae.noise", epoch);
    }

    /** These arrays plus the images under {@link GraphNames#INPUT}: the placeholders of a graph output call. */
    Map<String, INDArray> withImages(INDArray images) {
        Map<String, INDArray> placeholders = new LinkedHashMap<>(arrays);
        placeholders.put(GraphNames.INPUT, images);
        return placeholders;
    }

    /** The features of a training step, in {@link GraphNames#trainingInputs} order. */
    INDArray[] features(INDArray images) {
        Map<String, INDArray> placeholders = withImages(images);
        List<String> names = GraphNames.trainingInputs(arch);
        INDArray[] features = new INDArray[names.size()];
        for (int i = 0; i < features.length; i++) {
            features[i] = placeholders.get(names.get(i));
        }
        return features;
    }

    @Override
    public void close() {
        arrays.values().forEach(INDArray::close);
    }

    /** The architecture's dropout masks for {@code batch} images, in its order; all ones without a generator. */
    private void masks(long batch, RandomGenerator random) {
        for (DropoutMask m : arch.dropoutMasks()) {
            long[] shape = new long[m.shape().length + 1];
            shape[0] = batch;
            System.arraycopy(m.shape(), 0, shape, 1, m.shape().length);
            arrays.put(m.name(), mask(random, m.keep(), shape));
        }
    }

    private static INDArray mask(RandomGenerator random, double keep, long... shape) {
        if (random == null || keep >= 1) {
            return Nd4j.ones(DataType.FLOAT, shape);
        }
        float[] values = new float[Math.toIntExact(ArrayUtil.prodLong(shape))];
        float kept = (float) (1 / keep);
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextDouble() < keep ? kept : 0f;
        }
        return Nd4j.create(values, shape, 'c');
    }

    private static INDArray gaussian(long batch, int width, RandomGenerator random) {
        float[] values = new float[Math.toIntExact(batch * width)];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return Nd4j.create(values, new long[]{batch, width}, 'c');
    }
}
