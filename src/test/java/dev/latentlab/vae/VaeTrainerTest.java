package dev.latentlab.vae;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.Adam;

/** Trains the tiny VAE on 200 real MNIST digits (validation: 100 more) for a few epochs. */
class VaeTrainerTest {
    private static INDArray trainImages;
    private static INDArray valImages;

    @BeforeAll
    static void data() {
        trainImages = VaeTestData.images(0, 192);
        valImages = VaeTestData.images(200, 296);
    }

    private static BatchSource train() {
        return new ArrayBatchSource(trainImages, 32, true, 1);
    }

    /** Two batches per epoch: enough to get a trained model with updater state. */
    private static BatchSource quickTrain() {
        return new ArrayBatchSource(trainImages, 96, true, 1);
    }

    private static BatchSource validation() {
        return new ArrayBatchSource(valImages, 48, false, 0);
    }

    private static TrainerOptions options(int epochs) {
        return options(epochs, 9);
    }

    private static TrainerOptions options(int epochs, long seed) {
        return new TrainerOptions(epochs, 3e-3, 15, 0.5, 5, 1e-4, 1e-6, seed, null);
    }

    /** An epoch's numbers without its duration. */
    private static List<Object> untimed(EpochStats s) {
        return List.of(s.epoch(), s.train(), s.validation(), s.learningRate(), s.improved());
    }

    @Test
    void aDecoderWithDropoutTrains() throws Exception {
        VaeArchitecture arch = new VaeArchitecture(28, 28, 1, List.of(4, 8), List.of(2, 2), 16, 2, 0.2, 0.5, 0.2);
        VaeModel untrained = VaeModel.untrained(arch, 1);
        double before = untrained.loss(valImages).loss();
        TrainingResult result = new VaeTrainer(options(3)).train(untrained, train(), validation(), stats -> { });
        assertThat(((VaeArchitecture) result.best().architecture()).decoderDropout()).isEqualTo(0.2);
        List<EpochStats> epochs = result.history();
        assertThat(epochs.get(2).validation().loss()).isLessThan(epochs.get(0).validation().loss())
                .isLessThan(before - 20);
    }

    @Test
    void trainingLowersTheValidationLossAndReportsEveryEpochAndBatch() throws Exception {
        VaeModel untrained = VaeModel.untrained(VaeTestData.TINY, 1);
        double before = untrained.loss(valImages).loss();
        List<EpochStats> epochs = new ArrayList<>();
        List<Integer> batches = new ArrayList<>();
        TrainingListener listener = new TrainingListener() {
            @Override
            public void epochDone(EpochStats stats) {
                epochs.add(stats);
            }

            @Override
            public void batchDone(int epoch, int batch, int total, double loss) {
                batches.add(batch);
                assertThat(total).isEqualTo(6);
                assertThat(loss).isPositive();
            }
        };
        TrainingResult result = new VaeTrainer(options(3)).train(untrained, train(), validation(), listener);

        assertThat(epochs).hasSize(3).isEqualTo(result.history());
        assertThat(batches).hasSize(18).endsWith(4, 5, 6);
        EpochStats last = epochs.get(2);
        assertThat(last.validation().loss()).isLessThan(before - 50);
        assertThat(last.validation().loss()).isLessThan(epochs.get(0).validation().loss());
        assertThat(epochs.get(0).train().loss()).isGreaterThan(last.train().loss());
        assertThat(last.train().loss()).isCloseTo(last.train().bce() + 0.5 * last.train().kld(), within(1e-3));
        assertThat(last.learningRate()).isEqualTo(3e-3);
        assertThat(result.bestValidation()).isEqualTo(epochs.get(result.bestEpoch() - 1).validation().loss());
        assertThat(result.lastEpoch()).isEqualTo(3);
        assertThat(result.stoppedEarly()).isFalse();
        // the best model is the best epoch's: its loss on the validation images is close to the reported one
        assertThat(result.best().loss(valImages).loss()).isCloseTo(result.bestValidation(), within(0.05 * result.bestValidation()));
        // training did not change the model it started from
        assertThat(untrained.loss(valImages).loss()).isEqualTo(before);
    }

    @Test
    void learningRateChangesInPlaceAndKeepsAdamsMoments(@TempDir Path dir) throws Exception {
        VaeModel trained = new VaeTrainer(options(1)).train(VaeModel.untrained(VaeTestData.TINY, 2), quickTrain(),
                validation(), TrainingListener.NONE).best();
        trained.save(dir);
        for (VaeModel model : List.of(trained, VaeModel.load(dir))) {
            SameDiff sd = model.graph();
            Map<String, GradientUpdater> updaters = sd.getUpdaterMap();
            assertThat(updaters).isNotEmpty();
            GradientUpdater<?> enc0 = updaters.get("enc0_W");
            INDArray m = enc0.getState().get("M").dup();
            assertThat(m.amaxNumber().doubleValue()).isPositive();
            INDArray x = VaeTestData.images(0, 16);
            MultiDataSet batch = new MultiDataSet(StepNoise.training(VaeTestData.TINY, 16, new SplittableRandom(1))
                    .features(x), new INDArray[0]);

            Adam adam = (Adam) sd.getTrainingConfig().getUpdater();
            adam.setLearningRate(0);
            INDArray w0 = sd.getVariable("enc0_W").getArr().dup();
            sd.fit(batch);
            assertThat(sd.getVariable("enc0_W").getArr()).isEqualTo(w0);
            assertThat(sd.getUpdaterMap().get("enc0_W")).isSameAs(enc0);
            INDArray m1 = enc0.getState().get("M");
            assertThat(m1.equalsWithEps(m, 1e-12)).isFalse();              // the moments moved on ...
            assertThat(m1.sub(m.mul(0.9)).amaxNumber().doubleValue())     // ... from the old ones (β1 = 0.9)
                    .isLessThan(m1.amaxNumber().doubleValue() + m.amaxNumber().doubleValue());

            adam.setLearningRate(1e-3);
            sd.fit(batch);
            assertThat(sd.getVariable("enc0_W").getArr().equalsWithEps(w0, 1e-9)).isFalse();
        }
    }

    @Test
    void aLoadedModelKeepsItsCodesAndCanTrainOn(@TempDir Path dir) throws Exception {
        VaeModel trained = new VaeTrainer(options(1)).train(VaeModel.untrained(VaeTestData.TINY, 3), quickTrain(),
                validation(), TrainingListener.NONE).best();
        trained.save(dir);
        VaeModel loaded = VaeModel.load(dir);
        INDArray x = VaeTestData.images(250, 260);
        assertThat(loaded.encodeMean(x)).isEqualTo(trained.encodeMean(x));
        assertThat(loaded.reconstruct(x)).isEqualTo(trained.reconstruct(x));
        assertThat(loaded.graph().getUpdaterMap()).isNotEmpty();

        TrainingResult more = new VaeTrainer(options(1)).train(loaded, quickTrain(), validation(), TrainingListener.NONE);
        assertThat(more.history()).hasSize(1);
        assertThat(more.best().encodeMean(x).equalsWithEps(trained.encodeMean(x), 1e-6)).isFalse();
        assertThat(loaded.encodeMean(x)).isEqualTo(trained.encodeMean(x));
    }

    @Test
    void theSameSeedTrainsTheSameWeights() throws Exception {
        INDArray x = VaeTestData.images(250, 260);
        List<INDArray> codes = new ArrayList<>();
        List<List<List<Object>>> histories = new ArrayList<>();
        for (long seed : new long[]{9, 9, 10}) {
            TrainingResult result = new VaeTrainer(options(2, seed)).train(VaeModel.untrained(VaeTestData.TINY, 3),
                    train(), validation(), TrainingListener.NONE);
            codes.add(result.best().encodeMean(x));
            histories.add(result.history().stream().map(VaeTrainerTest::untimed).toList());
        }
        assertThat(codes.get(1)).isEqualTo(codes.get(0));
        assertThat(histories.get(1)).isEqualTo(histories.get(0));
        assertThat(codes.get(2).equalsWithEps(codes.get(0), 1e-6)).isFalse();   // other dropout masks and ε
    }

    /** A run interrupted after epoch 2 and resumed ends exactly where an uninterrupted run does. */
    @Test
    void resumeContinuesTheEpochsAndCountersOfAnInterruptedRun(@TempDir Path dir) throws Exception {
        TrainerOptions interrupted = options(2).withCheckpointDir(dir);
        TrainingResult first = new VaeTrainer(interrupted).train(VaeModel.untrained(VaeTestData.TINY, 4), train(),
                validation(), TrainingListener.NONE);
        TrainerState afterTwo = new CheckpointFiles(dir).readState();
        assertThat(afterTwo.epoch()).isEqualTo(2);
        assertThat(afterTwo.plateau().learningRate()).isEqualTo(3e-3);

        TrainingResult resumed = new VaeTrainer(interrupted.withEpochs(3)).resume(train(), validation(), TrainingListener.NONE);
        TrainingResult uninterrupted = new VaeTrainer(options(3)).train(VaeModel.untrained(VaeTestData.TINY, 4), train(),
                validation(), TrainingListener.NONE);

        // the resumed history starts at epoch 1 (carried in the checkpoint) and equals the uninterrupted one
        assertThat(resumed.history()).extracting(EpochStats::epoch).containsExactly(1, 2, 3);
        for (int e = 0; e < 3; e++) {
            assertThat(untimed(resumed.history().get(e))).isEqualTo(untimed(uninterrupted.history().get(e)));
        }
        assertThat(resumed.lastEpoch()).isEqualTo(3);
        double epoch2 = first.history().get(1).validation().loss();
        double epoch3 = resumed.history().get(2).validation().loss();
        List<Double> val = List.of(first.history().get(0).validation().loss(), epoch2, epoch3);
        double best = val.stream().mapToDouble(d -> d).min().orElseThrow();
        int bestEpoch = val.indexOf(best) + 1;
        TrainerState state = new CheckpointFiles(dir).readState();
        assertThat(state.epoch()).isEqualTo(3);
        assertThat(state.bestEpoch()).isEqualTo(bestEpoch).isEqualTo(resumed.bestEpoch());
        assertThat(state.earlyStopping()).isEqualTo(new EarlyStopping.State(best, 3 - bestEpoch));
        assertThat(state.plateau().badEpochs()).isEqualTo(3 - bestEpoch);
        assertThat(resumed.bestValidation()).isEqualTo(best);
        try (var children = java.nio.file.Files.list(dir)) {
            assertThat(children.map(p -> p.getFileName().toString()))
                    .contains(CheckpointFiles.STATE, "epoch-0003", state.bestDir()).hasSizeLessThanOrEqualTo(3);
        }
        // resuming a run that reached its last epoch trains nothing and returns the best model
        TrainingResult again = new VaeTrainer(interrupted.withEpochs(3)).resume(quickTrain(), validation(), TrainingListener.NONE);
        assertThat(again.history()).extracting(EpochStats::epoch).containsExactly(1, 2, 3);   // nothing new trained
        assertThat(again.bestEpoch()).isEqualTo(bestEpoch);
        INDArray x = VaeTestData.images(250, 255);
        assertThat(again.best().encodeMean(x)).isEqualTo(resumed.best().encodeMean(x));
    }

    @Test
    void aNonFiniteLossNamesTheEpochAndBatch() {
        INDArray bad = trainImages.dup();
        bad.putScalar(new long[]{40, 0, 14, 14}, Float.NaN);   // in the second batch of 32
        BatchSource source = new ArrayBatchSource(bad, 32, false, 0);
        assertThatThrownBy(() -> new VaeTrainer(options(2)).train(VaeModel.untrained(VaeTestData.TINY, 5), source,
                validation(), TrainingListener.NONE))
                .isInstanceOf(NonFiniteLossException.class).hasMessageContaining("epoch 1, batch 2");
    }

    @Test
    void earlyStoppingEndsTheRunAndTheBestEpochWins() throws Exception {
        // a learning rate of ~0 leaves the weights as they are: the validation loss only wanders with ε
        TrainerOptions frozen = new TrainerOptions(12, 1e-30, 2, 0.5, 100, 1e-4, 0, 3, null);
        TrainingResult result = new VaeTrainer(frozen).train(VaeModel.untrained(VaeTestData.TINY, 6),
                new ArrayBatchSource(trainImages, 192, false, 0), validation(), TrainingListener.NONE);
        assertThat(result.stoppedEarly()).isTrue();
        assertThat(result.lastEpoch()).isLessThan(12).isEqualTo(result.history().size());
        assertThat(result.lastEpoch() - result.bestEpoch()).isEqualTo(2);
        assertThat(result.history().stream().mapToDouble(s -> s.validation().loss()).min().orElseThrow())
                .isEqualTo(result.bestValidation());
    }
}
