package dev.latentlab.vae;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The dense autoencoder's graph: its shapes, and its loss and every weight's gradient against an independent
 * float64 forward pass and its central finite differences, for a VAE and a plain autoencoder, BCE and MSE.
 */
class DenseAutoencoderGraphTest {

    private static Map<String, INDArray> run(SameDiff sd, DenseArchitecture arch, INDArray x, String... outputs) {
        try (StepNoise noise = StepNoise.training(arch, x.size(0), new SplittableRandom(4))) {
            return sd.output(noise.withImages(x), outputs);
        }
    }

    @Test
    void aVaesOutputsHaveTheirShapes() {
        DenseArchitecture arch = new DenseArchitecture(28, 28, 1, List.of(16, 8), 3, 0.2, 0.5, true, ReconstructionLoss.BCE);
        SameDiff sd = arch.graph(1);
        Map<String, INDArray> out = run(sd, arch, VaeTestData.images(0, 4), GraphNames.MU, GraphNames.LOGVAR,
                GraphNames.Z, GraphNames.LOGITS, GraphNames.RECON, GraphNames.LOSS, GraphNames.KLD_MEAN);
        assertThat(out.get(GraphNames.MU).shape()).containsExactly(4, 3);
        assertThat(out.get(GraphNames.LOGVAR).shape()).containsExactly(4, 3);
        assertThat(out.get(GraphNames.Z).shape()).containsExactly(4, 3);
        assertThat(out.get(GraphNames.LOGITS).shape()).containsExactly(4, 784);
        assertThat(out.get(GraphNames.RECON).shape()).containsExactly(4, 1, 28, 28);
        assertThat(out.get(GraphNames.LOSS).rank()).isZero();
        assertThat(out.get(GraphNames.KLD_MEAN).getDouble(0)).isPositive();
        INDArray decoded = sd.output(Map.of(GraphNames.Z_IN, Nd4j.rand(DataType.FLOAT, 5, 3)), GraphNames.DECODED)
                .get(GraphNames.DECODED);
        assertThat(decoded.shape()).containsExactly(5, 1, 28, 28);
        assertThat(GraphNames.trainingInputs(arch)).containsExactly(GraphNames.INPUT, GraphNames.EPSILON,
                DenseAutoencoderGraph.hiddenMask(0), DenseAutoencoderGraph.hiddenMask(1));
    }

    @Test
    void aPlainAutoencodersCodeIsItsLatentAndItsImagesStayInTheUnitRange() {
        DenseArchitecture arch = new DenseArchitecture(28, 28, 1, List.of(16), 2, 0.0, 0.0, false, ReconstructionLoss.MSE);
        SameDiff sd = arch.graph(2);
        assertThat(GraphNames.trainingInputs(arch)).containsExactly(GraphNames.INPUT);
        assertThat(sd.hasVariable(GraphNames.EPSILON)).isFalse();
        assertThat(sd.hasVariable(GraphNames.LOGVAR)).isFalse();
        assertThat(sd.hasVariable(GraphNames.KLD_MEAN)).isFalse();
        Map<String, INDArray> out = run(sd, arch, VaeTestData.images(0, 6), GraphNames.MU, GraphNames.Z,
                GraphNames.RECON, GraphNames.LOSS, GraphNames.BCE_MEAN);
        assertThat(out.get(GraphNames.Z)).isEqualTo(out.get(GraphNames.MU));
        assertThat(out.get(GraphNames.MU).shape()).containsExactly(6, 2);
        assertThat(out.get(GraphNames.RECON).minNumber().doubleValue()).isGreaterThanOrEqualTo(0.0);
        assertThat(out.get(GraphNames.RECON).maxNumber().doubleValue()).isLessThanOrEqualTo(1.0);
        assertThat(out.get(GraphNames.LOSS).getDouble(0)).isEqualTo(out.get(GraphNames.BCE_MEAN).getDouble(0));
    }

    @ParameterizedTest(name = "variational {0}, loss {1}, dropout {2}")
    @CsvSource({"true, bce, 0.25", "true, mse, 0.0", "false, mse, 0.0", "false, bce, 0.25"})
    void lossAndGradientsMatchAFloat64FiniteDifference(boolean variational, String loss, double dropout) {
        DenseArchitecture arch = new DenseArchitecture(4, 4, 1, List.of(5, 3), 2, dropout, variational ? 0.7 : 0.0,
                variational, ReconstructionLoss.of(loss));
        SameDiff sd = arch.graph(11);
        SplittableRandom random = new SplittableRandom(5);
        float[] pixels = new float[6 * 16];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (float) random.nextDouble();
        }
        INDArray x = Nd4j.create(pixels, new long[]{6, 1, 4, 4}, 'c');
        Map<String, INDArray> placeholders;
        try (StepNoise noise = StepNoise.training(arch, 6, random)) {
            placeholders = new HashMap<>();
            noise.withImages(x).forEach((k, v) -> placeholders.put(k, v.dup()));
        }
        List<String> names = new ArrayList<>();
        Map<String, double[]> weights = new HashMap<>();
        for (SDVariable v : sd.variables()) {
            if (v.getVariableType() == VariableType.VARIABLE) {
                if (v.name().endsWith("_b")) {   // not zero: a dead ReLU input would sit on the kink of the next layer
                    for (long i = 0; i < v.getArr().length(); i++) {
                        v.getArr().putScalar(i, 0.3 * random.nextGaussian());
                    }
                }
                names.add(v.name());
                weights.put(v.name(), v.getArr().castTo(DataType.DOUBLE).reshape(-1).toDoubleVector());
            }
        }
        Float64Forward reference = new Float64Forward(arch, placeholders);

        double graphLoss = sd.output(placeholders, GraphNames.LOSS).get(GraphNames.LOSS).getDouble(0);
        double referenceLoss = reference.loss(weights);
        assertThat(graphLoss).isCloseTo(referenceLoss, within(1e-5 * Math.abs(referenceLoss)));

        Map<String, INDArray> gradients = sd.calculateGradients(placeholders, names);
        double h = 1e-6;
        int checked = 0;
        for (String name : names) {
            double[] w = weights.get(name);
            double[] g = gradients.get(name).castTo(DataType.DOUBLE).reshape(-1).toDoubleVector();
            for (int i = 0; i < w.length; i++) {
                double keep = w[i];
                w[i] = keep + h;
                double up = reference.loss(weights);
                w[i] = keep - h;
                double down = reference.loss(weights);
                w[i] = keep;
                double numeric = (up - down) / (2 * h);
                assertThat(g[i]).as("d loss / d %s[%d]", name, i)
                        .isCloseTo(numeric, within(1e-3 * Math.max(1, Math.abs(numeric))));
                checked++;
            }
        }
        // enc0 16x5+5, enc1 5x3+3, heads, decoder 2x3+3, 3x5+5, 5x16+16
        assertThat(checked).isEqualTo(85 + 18 + (variational ? 16 : 8) + 9 + 20 + 96);
    }

    /** The dense autoencoder's loss computed in double precision from the weights by name, independently of SameDiff. */
    private static final class Float64Forward {
        private final DenseArchitecture arch;
        private final double[][] x;
        private final double[][] epsilon;
        private final List<double[][]> masks = new ArrayList<>();

        Float64Forward(DenseArchitecture arch, Map<String, INDArray> placeholders) {
            this.arch = arch;
            this.x = placeholders.get(GraphNames.INPUT).reshape(6, 16).castTo(DataType.DOUBLE).toDoubleMatrix();
            this.epsilon = arch.variational()
                    ? placeholders.get(GraphNames.EPSILON).castTo(DataType.DOUBLE).toDoubleMatrix() : null;
            for (int i = 0; i < arch.layers().size() && arch.dropout() > 0; i++) {
                masks.add(placeholders.get(DenseAutoencoderGraph.hiddenMask(i)).castTo(DataType.DOUBLE).toDoubleMatrix());
            }
        }

        double loss(Map<String, double[]> w) {
            double total = 0;
            for (int n = 0; n < x.length; n++) {
                double[] h = x[n];
                for (int i = 0; i < arch.layers().size(); i++) {
                    h = relu(dense(w, "enc" + i, h));
                    if (!masks.isEmpty()) {
                        for (int j = 0; j < h.length; j++) {
                            h[j] *= masks.get(i)[n][j];
                        }
                    }
                }
                double[] mu = dense(w, "mu_head", h);
                double[] z = mu.clone();
                double kld = 0;
                if (arch.variational()) {
                    double[] logvar = dense(w, "logvar_head", h);
                    for (int j = 0; j < z.length; j++) {
                        double lv = Math.max(-LatentHead.LOGVAR_LIMIT, Math.min(LatentHead.LOGVAR_LIMIT, logvar[j]));
                        z[j] = mu[j] + Math.exp(0.5 * lv) * epsilon[n][j];
                        kld += 0.5 * (Math.exp(lv) + mu[j] * mu[j] - lv - 1);
                    }
                }
                double[] d = z;
                for (int i = arch.layers().size() - 1; i >= 0; i--) {
                    d = relu(dense(w, "dec" + i, d));
                }
                double[] logits = dense(w, "dec_out", d);
                double recon = 0;
                for (int p = 0; p < logits.length; p++) {
                    double l = logits[p];
                    recon += arch.loss() == ReconstructionLoss.MSE ? (l - x[n][p]) * (l - x[n][p])
                            : Math.max(l, 0) - l * x[n][p] + Math.log1p(Math.exp(-Math.abs(l)));
                }
                total += recon + arch.beta() * kld;
            }
            return total / x.length;
        }

        /** in·W + b with W [in, out] row-major. */
        private static double[] dense(Map<String, double[]> w, String name, double[] in) {
            double[] weights = w.get(name + "_W");
            double[] out = w.get(name + "_b").clone();
            for (int i = 0; i < in.length; i++) {
                for (int j = 0; j < out.length; j++) {
                    out[j] += in[i] * weights[i * out.length + j];
                }
            }
            return out;
        }

        private static double[] relu(double[] v) {
            double[] out = new double[v.length];
            for (int i = 0; i < v.length; i++) {
                out[i] = Math.max(0, v[i]);
            }
            return out;
        }
    }
}
