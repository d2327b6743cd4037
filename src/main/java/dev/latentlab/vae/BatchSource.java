package dev.latentlab.vae;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Mini-batches of images for one epoch at a time: {@link #reset} starts epoch {@code epoch} (a source that
 * shuffles does so here, reproducibly from the epoch number), then {@link #next} yields float arrays
 * [b, C, H, W] with values in [0, 1] while {@link #hasNext}. Each batch is a new array owned by the caller,
 * who closes it.
 */
public interface BatchSource {
    /** Starts the given epoch (1-based). */
    void reset(int epoch);

    boolean hasNext();

    INDArray next();

    /** Batches per epoch, or -1 when unknown. */
    default int batchesPerEpoch() {
        return -1;
    }
}
