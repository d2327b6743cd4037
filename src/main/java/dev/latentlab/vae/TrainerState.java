package dev.latentlab.vae;

import java.util.List;

/**
 * A {@link VaeTrainer}'s position after a finished epoch, as stored in a checkpoint's {@code state.json}.
 *
 * @param epoch          the last finished epoch
 * @param bestEpoch      epoch of the best validation loss
 * @param earlyStopping  the early-stopping rule's state (its best is the best validation loss)
 * @param plateau        the plateau scheduler's state (its learning rate is the next epoch's)
 * @param finished       whether early stopping ended the run
 * @param modelDir       checkpoint sub-folder of the model after {@code epoch} (with updater state)
 * @param bestDir        checkpoint sub-folder of the best model
 * @param history        every finished epoch's figures, from epoch 1 (a resumed run reports the whole history)
 */
record TrainerState(int epoch, int bestEpoch, EarlyStopping.State earlyStopping, PlateauScheduler.State plateau,
                    boolean finished, String modelDir, String bestDir, List<EpochStats> history) {
    TrainerState {
        history = history == null ? List.of() : List.copyOf(history);
    }
}
