package dev.latentlab.vae;

import dev.latentlab.data.ImageSetIterator;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/** A {@link BatchSource} over a DL4J {@link ImageSetIterator}: its features, epoch by epoch (labels are dropped). */
public final class IteratorBatches implements BatchSource {
    private final ImageSetIterator iterator;

    public IteratorBatches(ImageSetIterator iterator) {
        this.iterator = iterator;
    }

    @Override
    public void reset(int epoch) {
        iterator.startEpoch(epoch - 1);
    }

    @Override
    public boolean hasNext() {
        return iterator.hasNext();
    }

    @Override
    public INDArray next() {
        DataSet batch = iterator.next();
        batch.getLabels().close();
        return batch.getFeatures();
    }

    @Override
    public int batchesPerEpoch() {
        return (iterator.size() + iterator.batch() - 1) / iterator.batch();
    }
}
