package dev.latentlab.vae;

import java.nio.file.Path;

/**
 * Options of a {@link VaeTrainer}, validated on construction. Batch size is the {@link BatchSource}'s.
 *
 * @param epochs                 last epoch to train (>= 1; a resumed run continues up to it)
 * @param learningRate           Adam's initial learning rate (> 0)
 * @param earlyStoppingPatience  stop after this many epochs without a new best validation loss (>= 1)
 * @param plateauFactor          ReduceLROnPlateau factor, in (0, 1)
 * @param plateauPatience        ReduceLROnPlateau patience (>= 0)
 * @param plateauThreshold       ReduceLROnPlateau relative threshold (>= 0)
 * @param minLearningRate        ReduceLROnPlateau lower bound (>= 0)
 * @param seed                   seed of the dropout masks and ε of each epoch
 * @param checkpointDir          folder for per-epoch checkpoints (resumable), or null for none
 */
public record TrainerOptions(int epochs, double learningRate, int earlyStoppingPatience, double plateauFactor,
                             int plateauPatience, double plateauThreshold, double minLearningRate, long seed,
                             Path checkpointDir) {

    /** The source document's settings: Adam 1e-3, early stopping 15, plateau factor 0.5 / patience 5 / min 1e-6 / rel 1e-4. */
    public static TrainerOptions defaults(int epochs, long seed) {
        return new TrainerOptions(epochs, 1e-3, 15, 0.5, 5, 1e-4, 1e-6, seed, null);
    }

    public TrainerOptions {
        require(epochs >= 1, "epochs must be >= 1, got " + epochs);
        require(learningRate > 0 && Double.isFinite(learningRate), "learning rate must be > 0, got " + learningRate);
        require(earlyStoppingPatience >= 1, "early stopping patience must be >= 1, got " + earlyStoppingPatience);
        require(plateauFactor > 0 && plateauFactor < 1, "plateau factor must be in (0, 1), got " + plateauFactor);
        require(plateauPatience >= 0, "plateau patience must be >= 0, got " + plateauPatience);
        require(plateauThreshold >= 0, "plateau threshold must be >= 0, got " + plateauThreshold);
        require(minLearningRate >= 0, "min learning rate must be >= 0, got " + minLearningRate);
    }

    public TrainerOptions withEpochs(int newEpochs) {
        return new TrainerOptions(newEpochs, learningRate, earlyStoppingPatience, plateauFactor, plateauPatience,
                plateauThreshold, minLearningRate, seed, checkpointDir);
    }

    public TrainerOptions withCheckpointDir(Path dir) {
        return new TrainerOptions(epochs, learningRate, earlyStoppingPatience, plateauFactor, plateauPatience,
                plateauThreshold, minLearningRate, seed, dir);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
