package dev.latentlab.vae;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

class ConvVaeGraphTest {
    /** Runs without dropout (ε from a fixed seed) or, with {@code training}, with training-step noise. */
    private static Map<String, INDArray> run(SameDiff sd, VaeArchitecture arch, INDArray x, boolean training,
                                             String... outputs) {
        SplittableRandom random = new SplittableRandom(11);
        try (StepNoise noise = training ? StepNoise.training(arch, x.size(0), random)
                : StepNoise.inference(arch, x.size(0), random)) {
            return sd.output(noise.withImages(x), outputs);
        }
    }

    @Test
    void defaultArchitectureShapes() {
        SameDiff sd = ConvVaeGraph.build(VaeArchitecture.DEFAULT, 1);
        Map<String, INDArray> out = run(sd, VaeArchitecture.DEFAULT, VaeTestData.images(0, 3), true, ConvVaeGraph.MU, ConvVaeGraph.LOGVAR,
                ConvVaeGraph.Z, ConvVaeGraph.RECON, ConvVaeGraph.LOSS);
        assertThat(out.get(ConvVaeGraph.MU).shape()).containsExactly(3, 2);
        assertThat(out.get(ConvVaeGraph.LOGVAR).shape()).containsExactly(3, 2);
        assertThat(out.get(ConvVaeGraph.Z).shape()).containsExactly(3, 2);
        assertThat(out.get(ConvVaeGraph.RECON).shape()).containsExactly(3, 1, 28, 28);
        assertThat(out.get(ConvVaeGraph.LOSS).rank()).isZero();
        INDArray decoded = sd.output(Map.of(ConvVaeGraph.Z_IN, Nd4j.rand(DataType.FLOAT, 5, 2)), ConvVaeGraph.DECODED)
                .get(ConvVaeGraph.DECODED);
        assertThat(decoded.shape()).containsExactly(5, 1, 28, 28);
    }

    @Test
    void tinyArchitectureShapesAndSigmoidRange() {
        VaeArchitecture tiny = VaeTestData.TINY.withLatentDim(3);
        SameDiff sd = ConvVaeGraph.build(tiny, 1);
        Map<String, INDArray> out = run(sd, tiny, VaeTestData.images(0, 4), false, ConvVaeGraph.MU, ConvVaeGraph.RECON);
        assertThat(out.get(ConvVaeGraph.MU).shape()).containsExactly(4, 3);
        INDArray recon = out.get(ConvVaeGraph.RECON);
        assertThat(recon.shape()).containsExactly(4, 1, 28, 28);
        assertThat(recon.minNumber().doubleValue()).isGreaterThan(0);
        assertThat(recon.maxNumber().doubleValue()).isLessThan(1);
    }

    @Test
    void lossEqualsHandComputationFromTheGraphsOwnOutputs() {
        VaeArchitecture tiny = VaeTestData.TINY;
        SameDiff sd = ConvVaeGraph.build(tiny, 3);
        INDArray x = VaeTestData.images(10, 14);
        Map<String, INDArray> out = run(sd, tiny, x, false, ConvVaeGraph.MU, ConvVaeGraph.LOGVAR, ConvVaeGraph.RECON,
                ConvVaeGraph.LOSS, ConvVaeGraph.BCE_MEAN, ConvVaeGraph.KLD_MEAN);
        float[] px = x.reshape(4 * 784L).toFloatVector();
        float[] r = out.get(ConvVaeGraph.RECON).reshape(4 * 784L).toFloatVector();
        double bce = 0;
        for (int i = 0; i < px.length; i++) {
            bce -= px[i] * Math.log(r[i]) + (1 - px[i]) * Math.log(1 - r[i]);
        }
        bce /= 4;
        float[][] mu = out.get(ConvVaeGraph.MU).toFloatMatrix();
        float[][] lv = out.get(ConvVaeGraph.LOGVAR).toFloatMatrix();
        double kld = 0;
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 2; j++) {
                kld += 0.5 * (Math.exp(lv[i][j]) + mu[i][j] * mu[i][j] - lv[i][j] - 1);
            }
        }
        kld /= 4;
        assertThat(bce).isGreaterThan(100);
        assertThat(kld).isGreaterThan(0);
        assertThat(out.get(ConvVaeGraph.BCE_MEAN).getDouble(0)).isCloseTo(bce, within(1e-4 * bce));
        assertThat(out.get(ConvVaeGraph.KLD_MEAN).getDouble(0)).isCloseTo(kld, within(1e-4 * kld + 1e-6));
        assertThat(out.get(ConvVaeGraph.LOSS).getDouble(0)).isCloseTo(bce + 0.5 * kld, within(1e-4 * bce));
    }

    @Test
    void dropoutIsOffAtInferenceAndOnInTraining() {
        SameDiff sd = ConvVaeGraph.build(VaeTestData.TINY, 5);
        INDArray x = VaeTestData.images(0, 8);
        INDArray a = run(sd, VaeTestData.TINY, x, false, ConvVaeGraph.MU).get(ConvVaeGraph.MU);
        INDArray b = run(sd, VaeTestData.TINY, x, false, ConvVaeGraph.MU).get(ConvVaeGraph.MU);
        INDArray dropped = run(sd, VaeTestData.TINY, x, true, ConvVaeGraph.MU).get(ConvVaeGraph.MU);
        assertThat(b).isEqualTo(a);
        assertThat(dropped.equalsWithEps(a, 1e-3)).isFalse();
    }

    @Test
    void decoderDropoutMasksTheTrainingPathsDecoderOnly() {
        VaeArchitecture withDecoderDropout = new VaeArchitecture(28, 28, 1, List.of(4, 8), List.of(2, 2), 16, 2, 0.0,
                0.5, 0.5);
        assertThat(ConvVaeGraph.trainingInputs(VaeTestData.TINY)).doesNotContain(ConvVaeGraph.decoderMask(1));
        assertThat(ConvVaeGraph.trainingInputs(withDecoderDropout)).endsWith(ConvVaeGraph.decoderMask(1));
        SameDiff sd = ConvVaeGraph.build(withDecoderDropout, 5);
        INDArray x = VaeTestData.images(0, 8);
        try (StepNoise noise = StepNoise.training(withDecoderDropout, 8, new SplittableRandom(3))) {
            Map<String, INDArray> masked = noise.withImages(x);
            Map<String, INDArray> unmasked = new java.util.HashMap<>(masked);
            unmasked.put(ConvVaeGraph.decoderMask(1), Nd4j.ones(DataType.FLOAT, 8, 4, 1, 1));
            INDArray a = sd.output(masked, ConvVaeGraph.RECON, ConvVaeGraph.MU).get(ConvVaeGraph.RECON);
            INDArray b = sd.output(unmasked, ConvVaeGraph.RECON).get(ConvVaeGraph.RECON);
            assertThat(a.equalsWithEps(b, 1e-4)).isFalse();   // the mask reaches the reconstruction
            INDArray mu = sd.output(masked, ConvVaeGraph.MU).get(ConvVaeGraph.MU);
            INDArray inferenceMu = run(sd, withDecoderDropout, x, false, ConvVaeGraph.MU).get(ConvVaeGraph.MU);
            assertThat(mu.equalsWithEps(inferenceMu, 1e-6)).isTrue();   // the encoder is untouched by it
        }
        VaeModel model = VaeModel.untrained(withDecoderDropout, 5);   // and z alone decodes without any mask
        assertThat(model.decode(Nd4j.zeros(DataType.FLOAT, 2, 2)).shape()).containsExactly(2L, 1L, 28L, 28L);
    }

    @Test
    void epsilonMovesZOffMuByExactlySigmaTimesEpsilon() {
        SameDiff sd = ConvVaeGraph.build(VaeTestData.TINY, 6);
        INDArray x = VaeTestData.images(0, 5);
        try (StepNoise noise = StepNoise.inference(VaeTestData.TINY, 5, new SplittableRandom(3))) {
            Map<String, INDArray> placeholders = noise.withImages(x);
            Map<String, INDArray> out = sd.output(placeholders, ConvVaeGraph.MU, ConvVaeGraph.LOGVAR, ConvVaeGraph.Z);
            INDArray expected = out.get(ConvVaeGraph.MU).add(Transforms.exp(out.get(ConvVaeGraph.LOGVAR).mul(0.5))
                    .mul(placeholders.get(ConvVaeGraph.EPSILON)));
            assertThat(out.get(ConvVaeGraph.Z).equalsWithEps(expected, 1e-5)).isTrue();
        }
        try (StepNoise noNoise = StepNoise.inference(VaeTestData.TINY, 5, null)) {
            Map<String, INDArray> out = sd.output(noNoise.withImages(x), ConvVaeGraph.MU, ConvVaeGraph.Z);
            assertThat(out.get(ConvVaeGraph.Z)).isEqualTo(out.get(ConvVaeGraph.MU));
        }
    }

    @Test
    void weightsAreDeterministicInTheSeed() {
        INDArray x = VaeTestData.images(0, 4);
        INDArray a = run(ConvVaeGraph.build(VaeTestData.TINY, 7), VaeTestData.TINY, x, false, ConvVaeGraph.MU).get(ConvVaeGraph.MU);
        INDArray b = run(ConvVaeGraph.build(VaeTestData.TINY, 7), VaeTestData.TINY, x, false, ConvVaeGraph.MU).get(ConvVaeGraph.MU);
        INDArray c = run(ConvVaeGraph.build(VaeTestData.TINY, 8), VaeTestData.TINY, x, false, ConvVaeGraph.MU).get(ConvVaeGraph.MU);
        assertThat(b).isEqualTo(a);
        assertThat(c.equalsWithEps(a, 1e-3)).isFalse();
    }
}
