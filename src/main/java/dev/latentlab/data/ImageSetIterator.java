package dev.latentlab.data;

import dev.latentlab.rng.RandomStreams;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A DL4J {@link DataSetIterator} over an {@link ImageSet}: features {@code [b, C, h, w]} float32 scaled to [0, 1]
 * (augmented when asked), labels one-hot over the set's distinct labels (a single zero column without labels).
 * With shuffling, every {@link #reset()} starts a new epoch in a new order drawn from the seed's stream for that epoch ({@link RandomStreams}, the
 * augmentation from a stream of its own), so a
 * resumed run that calls {@link #startEpoch(int)} sees the same batches.
 */
public final class ImageSetIterator implements DataSetIterator {
    private final ImageSet images;
    private final int batchSize;
    private final boolean shuffle;
    private final Augmentation augmentation;
    private final long seed;
    private final int[] classes;
    private int[] order;
    private int cursor;
    private int epoch;
    private Random augmentationRng;
    private DataSetPreProcessor preProcessor;

    public ImageSetIterator(ImageSet images, int batchSize, boolean shuffle, Augmentation augmentation, long seed) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        }
        this.images = images;
        this.batchSize = batchSize;
        this.shuffle = shuffle;
        this.augmentation = augmentation;
        this.seed = seed;
        this.classes = images.distinctLabels();
        startEpoch(0);
    }

    /** Rewinds to the start of epoch {@code e} (0-based), with that epoch's order and augmentation draws. */
    public void startEpoch(int e) {
        epoch = e;
        Random shuffler = RandomStreams.random(seed, "shuffle", e);
        augmentationRng = RandomStreams.random(seed, "augmentation", e);
        order = new int[images.count()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        if (shuffle) {
            for (int i = order.length - 1; i > 0; i--) {
                int j = shuffler.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
        }
        cursor = 0;
    }

    /** The current epoch (0-based). */
    public int epoch() {
        return epoch;
    }

    /** Number of images. */
    public int size() {
        return images.count();
    }

    @Override
    public DataSet next(int num) {
        if (!hasNext()) {
            throw new java.util.NoSuchElementException("epoch " + epoch + " is over");
        }
        int n = Math.min(num, order.length - cursor);
        int c = images.channels(), h = images.height(), w = images.width(), size = images.imageSize();
        float[] features = new float[n * size];
        float[] labels = new float[n * Math.max(1, classes.length)];
        byte[] px = images.pixels();
        for (int i = 0; i < n; i++) {
            int src = order[cursor + i];
            for (int p = 0; p < size; p++) {
                features[i * size + p] = (px[src * size + p] & 0xff) / 255f;
            }
            if (augmentation.active()) {
                if (c != 1) {
                    throw new IllegalStateException("augmentation works on one-channel images, got " + c);
                }
                augmentation.apply(features, i * size, h, w, augmentationRng);
            }
            if (classes.length > 0) {
                labels[i * classes.length + Arrays.binarySearch(classes, images.labels()[src])] = 1f;
            }
        }
        cursor += n;
        DataSet ds = new DataSet(Nd4j.create(features, new long[] {n, c, h, w}, DataType.FLOAT),
                Nd4j.create(labels, new long[] {n, Math.max(1, classes.length)}, DataType.FLOAT));
        if (preProcessor != null) {
            preProcessor.preProcess(ds);
        }
        return ds;
    }

    @Override
    public DataSet next() {
        return next(batchSize);
    }

    @Override
    public boolean hasNext() {
        return cursor < order.length;
    }

    @Override
    public int inputColumns() {
        return images.imageSize();
    }

    @Override
    public int totalOutcomes() {
        return Math.max(1, classes.length);
    }

    @Override
    public boolean resetSupported() {
        return true;
    }

    @Override
    public boolean asyncSupported() {
        return false;
    }

    /** Starts the next epoch (a new shuffle when shuffling). */
    @Override
    public void reset() {
        startEpoch(epoch + 1);
    }

    @Override
    public int batch() {
        return batchSize;
    }

    @Override
    public void setPreProcessor(DataSetPreProcessor preProcessor) {
        this.preProcessor = preProcessor;
    }

    @Override
    public DataSetPreProcessor getPreProcessor() {
        return preProcessor;
    }

    @Override
    public List<String> getLabels() {
        return Arrays.stream(classes).mapToObj(Integer::toString).toList();
    }
}
