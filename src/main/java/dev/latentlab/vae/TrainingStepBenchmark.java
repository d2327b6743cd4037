package dev.latentlab.vae;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;

/**
 * Times training steps of a fresh {@link VaeModel} exactly as {@link VaeTrainer} runs them (Adam, dropout on,
 * the loss recovered from the step), after some warm-up steps. Numbers only; the caller prints them.
 */
public final class TrainingStepBenchmark {
    private TrainingStepBenchmark() {
    }

    /** Seconds per training step of {@code batchSize} images: median, mean, fastest and slowest of the timed steps. */
    public record Result(int batchSize, int warmupSteps, int timedSteps, double medianSeconds, double meanSeconds,
                         double minSeconds, double maxSeconds) {
        /** Estimated seconds of an epoch of {@code images} images at the median step time. */
        public double epochSeconds(long images) {
            return medianSeconds * Math.ceil(images / (double) batchSize);
        }
    }

    /**
     * Runs {@code warmup} untimed then {@code steps} timed steps on batches cycled from {@code images}
     * ([n, C, H, W], n >= batchSize).
     */
    public static Result run(ModelArchitecture architecture, INDArray images, int batchSize, int warmup, int steps, long seed) {
        if (images.size(0) < batchSize || steps < 1 || warmup < 0) {
            throw new IllegalArgumentException("need at least one batch of images and steps >= 1");
        }
        SameDiff graph = architecture.graph(seed);
        graph.setTrainingConfig(VaeTrainer.trainingConfig(architecture, 1e-3));
        FitLossCapture capture = new FitLossCapture(architecture);
        BatchSource source = new ArrayBatchSource(images, batchSize, true, seed);
        double[] seconds = new double[steps];
        int epoch = 1;
        SplittableRandom noise = StepNoise.forEpoch(seed, epoch);
        for (int i = -warmup; i < steps; i++) {
            if (!source.hasNext()) {
                source.reset(++epoch);
            }
            try (INDArray x = source.next()) {
                if (x.size(0) < batchSize) {
                    i--;
                    continue;
                }
                long start = System.nanoTime();   // the noise is drawn inside the timed step, as in training
                try (StepNoise step = StepNoise.training(architecture, batchSize, noise)) {
                    graph.fit(new MultiDataSet(step.features(x), new INDArray[0]), capture);
                }
                capture.take();
                if (i >= 0) {
                    seconds[i] = (System.nanoTime() - start) / 1e9;
                }
            }
        }
        double[] sorted = seconds.clone();
        Arrays.sort(sorted);
        double median = steps % 2 == 1 ? sorted[steps / 2] : (sorted[steps / 2 - 1] + sorted[steps / 2]) / 2;
        return new Result(batchSize, warmup, steps, median, Arrays.stream(seconds).average().orElseThrow(),
                sorted[0], sorted[steps - 1]);
    }
}
