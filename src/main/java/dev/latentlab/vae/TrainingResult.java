package dev.latentlab.vae;

import java.util.List;

/**
 * Outcome of {@link VaeTrainer#train} or {@link VaeTrainer#resume}.
 *
 * @param best           the model of the best validation epoch (with its updater state)
 * @param bestEpoch      that epoch
 * @param bestValidation its validation loss terms
 * @param lastEpoch      the last epoch trained (counting epochs before a resume)
 * @param stoppedEarly   whether early stopping ended the run before {@link TrainerOptions#epochs}
 * @param history        the epochs this call trained (not those before a resume)
 */
public record TrainingResult(VaeModel best, int bestEpoch, double bestValidation, int lastEpoch,
                             boolean stoppedEarly, List<EpochStats> history) {
    public TrainingResult {
        history = List.copyOf(history);
    }
}
