package dev.latentlab.quantize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.latentlab.data.RgbImage;
import dev.latentlab.data.RgbImageLoader;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every method on the shipped 64x48 picture at K = 4, 8, 16. */
class ColourQuantizerTest {
    static final List<Integer> KS = List.of(4, 8, 16);
    static RgbImage image;
    static ColourQuantizer quantizer;
    static final Map<QuantizeMethod, Map<Integer, Quantization>> RESULTS = new EnumMap<>(QuantizeMethod.class);

    @BeforeAll
    static void quantizeAll() {
        image = RgbImageLoader.load(Path.of("configs/images/tiny.png"));
        quantizer = new ColourQuantizer(image.pixels(), QuantizeOptions.defaults(42));
        for (QuantizeMethod m : QuantizeMethod.values()) {
            for (int k : KS) {
                RESULTS.computeIfAbsent(m, x -> new java.util.TreeMap<>()).put(k, quantizer.quantize(m, k));
            }
        }
    }

    @AfterAll
    static void close() {
        quantizer.close();
    }

    static double mse(QuantizeMethod m, int k) {
        return RESULTS.get(m).get(k).mse();
    }

    @Test
    void kMeansBeatsTheRandomPaletteByAWideMarginAtEveryK() {
        for (int k : KS) {
            assertThat(mse(QuantizeMethod.KMEANS, k)).as("K=%d", k).isLessThan(mse(QuantizeMethod.RANDOM, k) / 3);
            assertThat(mse(QuantizeMethod.MINIBATCH, k)).as("K=%d", k).isLessThan(mse(QuantizeMethod.RANDOM, k) / 2);
        }
    }

    @Test
    void kMeansErrorFallsAsKGrows() {
        assertThat(mse(QuantizeMethod.KMEANS, 8)).isLessThan(mse(QuantizeMethod.KMEANS, 4));
        assertThat(mse(QuantizeMethod.KMEANS, 16)).isLessThan(mse(QuantizeMethod.KMEANS, 8));
    }

    @Test
    void quantizedMethodsUseOnlyPaletteColoursAndReportTheirError() {
        for (QuantizeMethod m : List.of(QuantizeMethod.KMEANS, QuantizeMethod.MINIBATCH, QuantizeMethod.GMM,
                QuantizeMethod.RANDOM)) {
            for (int k : KS) {
                Quantization q = RESULTS.get(m).get(k);
                assertThat(q.palette()).hasSize(3 * k);
                Set<List<Float>> palette = colours(q.palette());
                Set<List<Float>> used = colours(q.pixels());
                assertThat(palette).as("%s K=%d", m, k).containsAll(used);
                for (float v : q.palette()) {
                    assertThat(v).isBetween(0f, 255f);
                }
                assertThat(q.mse()).isCloseTo(ColourStats.mse(image.pixels(), q.pixels()), within(1e-6));
                assertThat(q.psnr()).isCloseTo(10 * Math.log10(255.0 * 255 / q.mse()), within(1e-9));
            }
        }
    }

    @Test
    void gmmQuantizationIsReasonable() {
        for (int k : KS) {
            // a random palette is one seed's lottery ticket; k-means is the steady yardstick
            assertThat(mse(QuantizeMethod.GMM, k)).as("K=%d", k).isLessThan(mse(QuantizeMethod.RANDOM, k))
                    .isLessThan(3 * mse(QuantizeMethod.KMEANS, k));
            assertThat(RESULTS.get(QuantizeMethod.GMM).get(k).iterations()).isGreaterThan(0);
        }
    }

    @Test
    void gmmSamplesFollowTheMixture() {
        for (int k : KS) {
            Quantization q = RESULTS.get(QuantizeMethod.GMM_SAMPLE).get(k);
            float[] px = q.pixels();
            double[] meanImage = channelMeans(image.pixels());
            double[] meanSampled = channelMeans(px);
            for (int d = 0; d < 3; d++) {
                assertThat(meanSampled[d]).as("K=%d channel %d", k, d).isCloseTo(meanImage[d], within(6.0));
            }
            // samples are spread around the means (not the palette itself), yet within 0..255
            assertThat(colours(px).size()).isGreaterThan(4 * k);
            for (float v : px) {
                assertThat(v).isBetween(0f, 255f);
            }
            // each pixel's drawn component is a valid index and the counts follow the weights
            double[] weights = quantizer.mixture(k).weights();
            int[] counts = new int[k];
            for (int c : q.labels()) {
                counts[c]++;
            }
            for (int c = 0; c < k; c++) {
                assertThat(counts[c] / (double) q.labels().length).isCloseTo(weights[c], within(0.03));
            }
        }
    }

    @Test
    void compressionFigures() {
        assertThat(ColourStats.bitsPerIndex(1)).isZero();
        assertThat(ColourStats.bitsPerIndex(2)).isEqualTo(1);
        assertThat(ColourStats.bitsPerIndex(16)).isEqualTo(4);
        assertThat(ColourStats.bitsPerIndex(17)).isEqualTo(5);
        assertThat(ColourStats.bitsPerIndex(64)).isEqualTo(6);
        // china.jpg: 427 x 640 pixels, K = 64: 6 bits each + 192 palette bytes
        long n = 427L * 640;
        assertThat(ColourStats.compressedBytes(n, 64)).isEqualTo(192 + n * 6 / 8);
        assertThat(ColourStats.compressionRatio(n, 64)).isCloseTo(3.0 * n / (192 + n * 6 / 8), within(1e-12));
        assertThat(ColourStats.compressedBytes(3, 32)).isEqualTo(96 + 2); // 15 bits round up to 2 bytes
        assertThat(ColourStats.distinctColours(new float[]{1, 2, 3, 1, 2, 3, 1, 2, 4})).isEqualTo(2);
    }

    static Set<List<Float>> colours(float[] px) {
        Set<List<Float>> s = new HashSet<>();
        for (int i = 0; i < px.length; i += 3) {
            s.add(List.of(px[i], px[i + 1], px[i + 2]));
        }
        return s;
    }

    static double[] channelMeans(float[] px) {
        double[] m = new double[3];
        for (int i = 0; i < px.length; i++) {
            m[i % 3] += px[i];
        }
        for (int d = 0; d < 3; d++) {
            m[d] /= px.length / 3.0;
        }
        return m;
    }
}
