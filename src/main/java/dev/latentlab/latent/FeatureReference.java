package dev.latentlab.latent;

import dev.latentlab.data.LatentsNpz;
import dev.latentlab.data.NpyArray;
import dev.latentlab.data.NpzWriter;
import dev.latentlab.rng.RandomStreams;
import dev.latentlab.rng.SampleIndices;
import dev.latentlab.vae.VaeModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * {@code features.npz} in a conv vae_gmm model folder: the {@link dev.latentlab.vae.EncoderFeatures} of a seeded sample of at most
 * {@link #SAMPLE} training images (float32 {@code train_features} [m, 9·C]), the references of the
 * {@link NoveltyScore#FEATURES} score. 5,000 images of MNIST's 7 × 7 × 256 maps are 46 MB (44 MiB); with them
 * vae_148's AUROC against unseen digits is 0.968 (results.md, unknown inputs).
 */
public final class FeatureReference {
    public static final String FILE = "features.npz";
    /** The most training images kept. */
    public static final int SAMPLE = 5000;
    private static final String KEY = "train_features";

    private FeatureReference() {
    }

    /**
     * The features of a sample of {@code images} (all of them when there are at most {@link #SAMPLE}), drawn
     * without replacement from the stream {@code unknown.reference_sample} of {@code seed}; null for a dense model.
     */
    public static double[][] sample(VaeModel vae, INDArray images, long seed) {
        int n = (int) images.size(0);
        if (n <= SAMPLE) {
            return vae.encoderFeatures(images);
        }
        long[] chosen = SampleIndices.sorted(n, SAMPLE, RandomStreams.splittable(seed, "unknown.reference_sample"));
        try (INDArray rows = images.get(NDArrayIndex.indices(chosen), NDArrayIndex.all(),
                NDArrayIndex.all(), NDArrayIndex.all()).dup()) {
            return vae.encoderFeatures(rows);
        }
    }

    /** Writes {@code features} ([m][d]) as float32. */
    public static void write(Path file, double[][] features) throws IOException {
        int d = features[0].length;
        float[] flat = new float[features.length * d];
        for (int i = 0; i < features.length; i++) {
            for (int j = 0; j < d; j++) {
                flat[i * d + j] = (float) features[i][j];
            }
        }
        NpzWriter.write(file, Map.of(KEY, NpyArray.ofFloat32(flat, features.length, d)), NpzWriter.Compression.STORED);
    }

    /** The reference features of a model folder, or null when it has no {@link #FILE}. */
    public static double[][] read(Path modelDir) {
        Path file = modelDir.resolve(FILE);
        return Files.isRegularFile(file) ? LatentsNpz.readMatrix(file, KEY) : null;
    }
}
