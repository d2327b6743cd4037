package dev.latentlab.vae;

import java.nio.file.Path;
import java.util.List;
import org.nd4j.autodiff.listeners.Listener;

/** Receives a {@link VaeTrainer}'s progress: after each batch (for progress bars) and after each epoch. */
public interface TrainingListener {
    /** A listener that ignores everything. */
    TrainingListener NONE = stats -> { };

    /**
     * Called once before training when a run continues a checkpoint, with the epochs already trained (empty for
     * a fresh run), so that reports can carry the whole history.
     */
    default void resumedAfter(List<EpochStats> earlier) {
    }

    /** Called once when the run folder exists, before training; a listener may write there. */
    default void runStarted(Path runDir) {
    }

    /**
     * SameDiff listeners the trainer attaches to every training step (the {@code --ui} graph log); asked once, after
     * {@link #runStarted}.
     */
    default List<Listener> graphListeners() {
        return List.of();
    }

    /** Called after each epoch's validation (and checkpoint, if any). */
    void epochDone(EpochStats stats);

    /**
     * Called after each training batch of {@code epoch}: {@code batch} is 1-based, {@code batches} the epoch's
     * batch count (-1 when the source does not know it), {@code loss} the batch's training-mode loss.
     */
    default void batchDone(int epoch, int batch, int batches, double loss) {
    }
}
