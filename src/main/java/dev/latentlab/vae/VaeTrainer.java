package dev.latentlab.vae;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.autodiff.listeners.Listener;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.TrainingConfig;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.learning.config.Adam;

/**
 * Trains a {@link VaeModel} (either model type) with Adam in its own epoch loop: per epoch, one {@code fit} step per training batch
 * (dropout on), the training loss recovered from each step's forward pass ({@link EpochStats#train}), the
 * validation loss with dropout off, ReduceLROnPlateau on the validation loss (the learning rate changed in
 * place, so Adam's moments are kept), early stopping, and the best validation model kept. With a checkpoint
 * folder every epoch is committed there and {@link #resume} continues from the last one.
 *
 * <p>An epoch's dropout masks and ε (training and validation) come from a generator seeded by (seed, epoch)
 * alone ({@link StepNoise}), and the batch order from the epoch number, so two runs with the same seed train the
 * same weights, and a resumed run continues exactly as an uninterrupted one would, on the same backend.
 */
public final class VaeTrainer {
    private final TrainerOptions options;

    public VaeTrainer(TrainerOptions options) {
        this.options = options;
    }

    /**
     * Trains a copy of {@code start} (an {@link VaeModel#untrained} model, or a loaded one whose updater state
     * is then continued) from epoch 1; {@code start} itself is not changed.
     */
    public TrainingResult train(VaeModel start, BatchSource train, BatchSource validation, TrainingListener listener)
            throws IOException {
        VaeModel working = copy(start);
        TrainerState state = new TrainerState(0, 0, EarlyStopping.INITIAL,
                PlateauScheduler.initial(options.learningRate()), false, null, null, List.of());
        return run(working, state, null, train, validation, listener);
    }

    /** Continues the run committed in {@link TrainerOptions#checkpointDir} after its last finished epoch. */
    public TrainingResult resume(BatchSource train, BatchSource validation, TrainingListener listener)
            throws IOException {
        CheckpointFiles checkpoint = checkpoint();
        if (checkpoint == null) {
            throw new IllegalStateException("resume needs a checkpoint folder in the trainer options");
        }
        TrainerState state = checkpoint.readState();
        VaeModel working = checkpoint.readModel(state);
        ParameterSnapshot best = state.bestDir() == null ? null
                : state.bestDir().equals(state.modelDir()) ? ParameterSnapshot.of(working)
                : ParameterSnapshot.of(checkpoint.readBest(state));
        return run(working, state, best, train, validation, listener);
    }

    private TrainingResult run(VaeModel working, TrainerState state, ParameterSnapshot best, BatchSource train,
                               BatchSource validation, TrainingListener listener) throws IOException {
        EarlyStopping early = new EarlyStopping(options.earlyStoppingPatience(), state.earlyStopping());
        PlateauScheduler plateau = new PlateauScheduler(options.plateauFactor(), options.plateauPatience(),
                options.plateauThreshold(), options.minLearningRate(), state.plateau());
        Adam adam = adam(working, plateau.learningRate());
        CheckpointFiles checkpoint = checkpoint();
        FitLossCapture capture = new FitLossCapture(working.architecture());
        List<Listener> stepListeners = new ArrayList<>(List.of(capture));
        stepListeners.addAll(listener.graphListeners());
        Listener[] steps = stepListeners.toArray(new Listener[0]);
        List<EpochStats> history = new ArrayList<>(state.history());
        listener.resumedAfter(state.history());
        int bestEpoch = state.bestEpoch();
        boolean stopped = state.finished();
        int epoch = state.epoch();
        while (!stopped && epoch < options.epochs()) {
            epoch++;
            long start = System.nanoTime();
            double lr = plateau.learningRate();
            adam.setLearningRate(lr);
            SplittableRandom trainNoise = StepNoise.forEpoch(options.seed(), epoch);
            SplittableRandom validationNoise = trainNoise.split();
            VaeLoss trainLoss = trainEpoch(working, epoch, train, trainNoise, capture, steps, listener);
            VaeLoss valLoss = evaluate(working, epoch, validation, validationNoise);
            boolean improved = early.update(valLoss.loss());
            plateau.step(valLoss.loss());
            if (improved) {
                bestEpoch = epoch;
                best = ParameterSnapshot.of(working);
            }
            stopped = early.shouldStop();
            EpochStats stats = new EpochStats(epoch, trainLoss, valLoss, lr, (System.nanoTime() - start) / 1e9,
                    improved);
            history.add(stats);
            if (checkpoint != null) {
                state = checkpoint.write(working, improved, new TrainerState(epoch, bestEpoch, early.state(),
                        plateau.state(), stopped, state.modelDir(), state.bestDir(), history));
            }
            listener.epochDone(stats);
        }
        if (best == null) {
            throw new IllegalStateException("no epoch was trained (epochs " + options.epochs()
                    + ", checkpoint at epoch " + state.epoch() + ")");
        }
        best.restoreInto(working);
        return new TrainingResult(working, bestEpoch, early.best(), epoch, stopped && epoch < options.epochs(), history);
    }

    private VaeLoss trainEpoch(VaeModel model, int epoch, BatchSource train, SplittableRandom noise,
                               FitLossCapture capture, Listener[] steps, TrainingListener listener) {
        LossAccumulator sum = new LossAccumulator();
        train.reset(epoch);
        int batches = train.batchesPerEpoch();
        int batch = 0;
        while (train.hasNext()) {
            batch++;
            try (INDArray x = train.next();
                 StepNoise step = StepNoise.training(model.architecture(), x.size(0), noise)) {
                model.graph().fit(new MultiDataSet(step.features(x), new INDArray[0]), steps);
                VaeLoss loss = capture.take();
                if (!loss.isFinite()) {
                    throw new NonFiniteLossException(String.format("training diverged at epoch %d, batch %d: "
                            + "loss %s (BCE %s, KLD %s); try a lower learning rate", epoch, batch, loss.loss(),
                            loss.bce(), loss.kld()));
                }
                sum.add(loss, x.size(0));
                listener.batchDone(epoch, batch, batches, loss.loss());
            }
        }
        if (sum.images() == 0) {
            throw new IllegalStateException("the training source gave no batches in epoch " + epoch);
        }
        return sum.mean();
    }

    private static VaeLoss evaluate(VaeModel model, int epoch, BatchSource validation, SplittableRandom noise) {
        LossAccumulator sum = new LossAccumulator();
        validation.reset(epoch);
        while (validation.hasNext()) {
            try (INDArray x = validation.next()) {
                sum.add(model.batchLoss(x, noise), x.size(0));
            }
        }
        if (sum.images() == 0) {
            throw new IllegalStateException("the validation source gave no batches in epoch " + epoch);
        }
        VaeLoss loss = sum.mean();
        if (!loss.isFinite()) {
            throw new NonFiniteLossException(String.format("validation loss of epoch %d is %s (BCE %s, KLD %s)",
                    epoch, loss.loss(), loss.bce(), loss.kld()));
        }
        return loss;
    }

    /** The graph's Adam, attached at {@code lr} when the graph has no training configuration yet. */
    private static Adam adam(VaeModel model, double lr) {
        SameDiff graph = model.graph();
        if (graph.getTrainingConfig() == null) {
            graph.setTrainingConfig(trainingConfig(model.architecture(), lr));
        }
        if (!(graph.getTrainingConfig().getUpdater() instanceof Adam adam)) {
            throw new IllegalStateException("the model's updater is " + graph.getTrainingConfig().getUpdater()
                    + ", expected Adam");
        }
        return adam;
    }

    /** Adam at {@code lr}, fed the images and the {@link StepNoise} placeholders; no labels. */
    static TrainingConfig trainingConfig(ModelArchitecture architecture, double lr) {
        return TrainingConfig.builder().updater(new Adam(lr))
                .dataSetFeatureMapping(GraphNames.trainingInputs(architecture)).markLabelsUnused().build();
    }

    private CheckpointFiles checkpoint() {
        return options.checkpointDir() == null ? null : new CheckpointFiles(options.checkpointDir());
    }

    private static VaeModel copy(VaeModel model) {
        return VaeModelFiles.fromBytes(VaeModelFiles.toBytes(model), model.architecture(), model.seed());
    }
}
