package dev.latentlab.vae;

import dev.latentlab.rng.RandomStreams;
import java.util.SplittableRandom;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.common.util.ArrayUtil;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The trainable variables of a model graph with seeded initial values: normal weights, He (std √(2/fanIn)) for
 * ReLU layers, else Xavier (std √(2/(fanIn+fanOut))), each drawn from its own stream of the seed named after the
 * weight; zero biases; and dense layers x·W + b.
 */
final class GraphWeights {
    private final SameDiff sd;
    private final long seed;

    GraphWeights(SameDiff sd, long seed) {
        this.sd = sd;
        this.seed = seed;
    }

    /** A normal weight of {@code shape}: He-initialised when {@code reluInit}, else Xavier. */
    SDVariable normal(String name, boolean reluInit, int fanIn, int fanOut, long... shape) {
        double std = reluInit ? Math.sqrt(2.0 / fanIn) : Math.sqrt(2.0 / (fanIn + fanOut));
        float[] values = new float[Math.toIntExact(ArrayUtil.prodLong(shape))];
        SplittableRandom random = RandomStreams.splittable(seed, "vae.weights." + name);
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (random.nextGaussian() * std);
        }
        return sd.var(name, Nd4j.create(values, shape, 'c'));
    }

    /** A zero bias of {@code size}. */
    SDVariable zeros(String name, int size) {
        return sd.var(name, Nd4j.zeros(DataType.FLOAT, size));
    }

    /**
     * x·W + b with new weights {@code name_W} [in, out] and {@code name_b} (not {@code sd.nn().linear}: with
     * oneDNN it goes wrong when the batch size changes).
     */
    SDVariable dense(String name, SDVariable x, int in, int out, boolean reluInit) {
        SDVariable w = normal(name + "_W", reluInit, in, out, in, out);
        SDVariable b = zeros(name + "_b", out);
        return x.mmul(w).add(b);
    }
}
