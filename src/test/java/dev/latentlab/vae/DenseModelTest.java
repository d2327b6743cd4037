package dev.latentlab.vae;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.learning.config.Adam;

/** The dense autoencoder through the conv VAE's trainer, model files and checkpoints. */
class DenseModelTest {
    private static final DenseArchitecture PLAIN = new DenseArchitecture(28, 28, 1, List.of(32, 16), 4, 0.0, 0.0,
            false, ReconstructionLoss.MSE);
    private static final DenseArchitecture VARIATIONAL = new DenseArchitecture(28, 28, 1, List.of(32, 16), 3, 0.2,
            0.5, true, ReconstructionLoss.BCE);

    private static BatchSource train() {
        return new ArrayBatchSource(VaeTestData.images(0, 192), 32, true, 1);
    }

    private static BatchSource validation() {
        return new ArrayBatchSource(VaeTestData.images(200, 296), 48, false, 0);
    }

    private static TrainerOptions options(int epochs, Path checkpoint) {
        return new TrainerOptions(epochs, 3e-3, 15, 0.5, 5, 1e-4, 1e-6, 9, checkpoint);
    }

    @Test
    void aPlainAutoencoderTrainsSavesAndLoads(@TempDir Path dir) throws Exception {
        INDArray val = VaeTestData.images(200, 296);
        VaeModel untrained = VaeModel.untrained(PLAIN, 1);
        double before = untrained.loss(val).loss();
        TrainingResult result = new VaeTrainer(options(3, null)).train(untrained, train(), validation(),
                TrainingListener.NONE);
        List<EpochStats> epochs = result.history();
        assertThat(epochs.get(2).validation().loss()).isLessThan(epochs.get(0).validation().loss()).isLessThan(before);
        assertThat(epochs).allSatisfy(e -> assertThat(e.train().kld()).isZero());
        assertThat(epochs.get(0).train().loss()).isEqualTo(epochs.get(0).train().bce());

        VaeModel trained = result.best();
        trained.save(dir);
        VaeModel loaded = VaeModel.load(dir);
        assertThat(loaded.architecture()).isEqualTo(PLAIN);
        assertThat(loaded.seed()).isEqualTo(1);
        INDArray x = VaeTestData.images(250, 260);
        assertThat(loaded.encodeMean(x)).isEqualTo(trained.encodeMean(x));
        assertThat(loaded.reconstruct(x)).isEqualTo(trained.reconstruct(x));
        assertThat(loaded.loss(x)).isEqualTo(trained.loss(x));
        assertThat(loaded.loss(val).loss()).isCloseTo(result.bestValidation(), within(1e-3 * result.bestValidation()));
        assertThat(loaded.graph().getUpdaterMap()).isNotEmpty();
    }

    @Test
    void aResumedDenseRunEndsWhereAnUninterruptedOneDoes(@TempDir Path dir) throws Exception {
        TrainerOptions interrupted = options(2, dir);
        new VaeTrainer(interrupted).train(VaeModel.untrained(VARIATIONAL, 4), train(), validation(),
                TrainingListener.NONE);
        TrainingResult resumed = new VaeTrainer(interrupted.withEpochs(3)).resume(train(), validation(),
                TrainingListener.NONE);
        TrainingResult uninterrupted = new VaeTrainer(options(3, null)).train(VaeModel.untrained(VARIATIONAL, 4),
                train(), validation(), TrainingListener.NONE);
        for (int e = 0; e < 3; e++) {
            assertThat(resumed.history().get(e).validation()).isEqualTo(uninterrupted.history().get(e).validation());
        }
        INDArray x = VaeTestData.images(250, 260);
        assertThat(resumed.best().encodeMean(x)).isEqualTo(uninterrupted.best().encodeMean(x));
    }

    /** The loss a training step reports is the graph's own loss for the same images, masks and ε. */
    @Test
    void theCapturedStepLossIsTheGraphsLoss() {
        for (DenseArchitecture arch : List.of(PLAIN, VARIATIONAL)) {
            SameDiff sd = arch.graph(3);
            sd.setTrainingConfig(VaeTrainer.trainingConfig(arch, 0));
            INDArray x = VaeTestData.images(0, 16);
            FitLossCapture capture = new FitLossCapture(arch);
            double expected;
            try (StepNoise noise = StepNoise.training(arch, 16, new SplittableRandom(2))) {
                expected = sd.output(noise.withImages(x), GraphNames.LOSS).get(GraphNames.LOSS).getDouble(0);
            }
            try (StepNoise noise = StepNoise.training(arch, 16, new SplittableRandom(2))) {
                ((Adam) sd.getTrainingConfig().getUpdater()).setLearningRate(0);
                sd.fit(new MultiDataSet(noise.features(x), new INDArray[0]), capture);
            }
            assertThat(capture.take().loss()).as(arch.toString()).isCloseTo(expected, within(1e-4 * expected));
        }
    }
}
