package dev.latentlab.vae;

import dev.latentlab.rng.RandomStreams;
import java.util.NoSuchElementException;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A {@link BatchSource} over images held in memory as one float array, in order or shuffled per epoch with a
 * permutation drawn from (seed, epoch); the last batch of an epoch may be smaller.
 */
public final class ArrayBatchSource implements BatchSource {
    private final INDArray rows;
    private final long[] imageShape;
    private final int batchSize;
    private final boolean shuffle;
    private final long seed;
    private int[] order;
    private int position;

    /**
     * @param images    [n, C, H, W] float images in [0, 1] (not copied; the caller keeps it alive and unchanged)
     * @param batchSize images per batch (>= 1)
     * @param shuffle   whether each epoch visits the images in a new random order
     * @param seed      seed of the shuffling
     */
    public ArrayBatchSource(INDArray images, int batchSize, boolean shuffle, long seed) {
        if (images.rank() != 4 || images.dataType() != DataType.FLOAT) {
            throw new IllegalArgumentException("images must be a float [n, C, H, W] array, got "
                    + images.dataType() + " " + java.util.Arrays.toString(images.shape()));
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        }
        long n = images.size(0);
        this.rows = images.reshape('c', n, images.length() / Math.max(1, n));
        this.imageShape = images.shape();
        this.batchSize = batchSize;
        this.shuffle = shuffle;
        this.seed = seed;
        reset(1);
    }

    @Override
    public void reset(int epoch) {
        int n = (int) rows.size(0);
        order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        if (shuffle) {
            Random random = RandomStreams.random(seed, "shuffle", epoch);
            for (int i = n - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
        }
        position = 0;
    }

    @Override
    public boolean hasNext() {
        return position < order.length;
    }

    @Override
    public INDArray next() {
        if (!hasNext()) {
            throw new NoSuchElementException("epoch exhausted");
        }
        int b = Math.min(batchSize, order.length - position);
        int[] picked = java.util.Arrays.copyOfRange(order, position, position + b);
        position += b;
        INDArray batch = Nd4j.create(DataType.FLOAT, b, imageShape[1], imageShape[2], imageShape[3]);
        Nd4j.pullRows(rows, batch.reshape('c', b, rows.size(1)), 1, picked);
        return batch;
    }

    @Override
    public int batchesPerEpoch() {
        return (order.length + batchSize - 1) / batchSize;
    }
}
