package dev.latentlab.vae;

/** Receives a {@link VaeTrainer}'s progress: after each batch (for progress bars) and after each epoch. */
public interface TrainingListener {
    /** A listener that ignores everything. */
    TrainingListener NONE = stats -> { };

    /** Called after each epoch's validation (and checkpoint, if any). */
    void epochDone(EpochStats stats);

    /**
     * Called after each training batch of {@code epoch}: {@code batch} is 1-based, {@code batches} the epoch's
     * batch count (-1 when the source does not know it), {@code loss} the batch's training-mode loss.
     */
    default void batchDone(int epoch, int batch, int batches, double loss) {
    }
}
