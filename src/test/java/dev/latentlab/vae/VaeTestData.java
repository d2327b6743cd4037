package dev.latentlab.vae;

import dev.latentlab.data.IdxReader;
import dev.latentlab.data.ImageSet;
import dev.latentlab.data.MnistFile;
import dev.latentlab.data.MnistFixtures;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Real MNIST digits from the test fixtures as [n, 1, 28, 28] floats in [0, 1], and a tiny architecture. */
final class VaeTestData {
    /** Two stride-2 convolutions of width 4 and 8, dense 16, latent 2: fast enough for unit tests. */
    static final VaeArchitecture TINY = new VaeArchitecture(28, 28, 1, List.of(4, 8), List.of(2, 2), 16, 2, 0.2, 0.5);

    private static ImageSet train;

    private VaeTestData() {
    }

    /** Fixture training digits {@code from} (inclusive) to {@code to} (exclusive), at most 300. */
    static synchronized INDArray images(int from, int to) {
        if (train == null) {
            train = IdxReader.readImages(MnistFixtures.gz(MnistFile.TRAIN_IMAGES), MnistFixtures.gz(MnistFile.TRAIN_LABELS));
        }
        int size = train.imageSize();
        float[] values = new float[(to - from) * size];
        for (int i = 0; i < values.length; i++) {
            values[i] = (train.pixels()[from * size + i] & 0xff) / 255f;
        }
        return Nd4j.create(values, new long[]{to - from, 1, 28, 28}, 'c').castTo(DataType.FLOAT);
    }
}
