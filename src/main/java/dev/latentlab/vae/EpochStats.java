package dev.latentlab.vae;

/**
 * Figures of one training epoch.
 *
 * @param epoch        the epoch, 1-based
 * @param train        mean training loss terms: each batch's loss in training mode (dropout on, sampled z)
 *                     at the weights its update started from, averaged over the epoch's images
 * @param validation   mean validation loss terms in inference mode (dropout off, sampled z), after the epoch
 * @param learningRate the learning rate the epoch trained with
 * @param seconds      wall time of the epoch and its validation (the checkpoint write excluded)
 * @param improved     whether the validation loss was a new best (the best model was kept)
 */
public record EpochStats(int epoch, VaeLoss train, VaeLoss validation, double learningRate, double seconds,
                         boolean improved) {
}
