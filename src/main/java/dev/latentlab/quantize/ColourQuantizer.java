package dev.latentlab.quantize;

import dev.latentlab.rng.RandomStreams;
import dev.latentlab.rng.SampleIndices;
import dev.latentlab.clustering.IterationListener;
import dev.latentlab.clustering.KMeansOptions;
import dev.latentlab.clustering.KMeansResult;
import dev.latentlab.clustering.Lloyd;
import dev.latentlab.clustering.MiniBatchKMeans;
import dev.latentlab.clustering.PointBlocks;
import dev.latentlab.mixture.GaussianMixture;
import dev.latentlab.mixture.GmmOptions;
import dev.latentlab.mixture.MixtureSamples;
import dev.latentlab.patches.PatchCoder;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;

/**
 * Colour quantization of one image's pixels (N x 3, row-major, 0..255) with the project's own k-means
 * ({@link Lloyd}, {@link MiniBatchKMeans}, {@link PatchCoder}) and Gaussian mixture ({@link GaussianMixture}).
 * No I/O. A mixture fitted for one K is kept and shared by {@link QuantizeMethod#GMM} and
 * {@link QuantizeMethod#GMM_SAMPLE}. Close it to free the off-heap pixel matrix.
 *
 * <pre>{@code try (ColourQuantizer q = new ColourQuantizer(pixels, QuantizeOptions.defaults(42))) {
 *     Quantization r = q.quantize(QuantizeMethod.KMEANS, 32);
 * }}</pre>
 */
public final class ColourQuantizer implements AutoCloseable {
    private final float[] pixels;
    private final int n;
    private final QuantizeOptions options;
    private final PointBlocks all;
    private final PatchCoder coder;
    private final Map<Integer, FittedMixture> mixtures = new HashMap<>();

    private record FittedMixture(GaussianMixture gmm, double seconds) {
    }

    public ColourQuantizer(float[] pixels, QuantizeOptions options) {
        if (pixels.length == 0 || pixels.length % 3 != 0) {
            throw new IllegalArgumentException("expected N x 3 pixel values, got " + pixels.length + " values");
        }
        this.pixels = pixels;
        this.n = pixels.length / 3;
        this.options = options;
        this.all = matrix(pixels);
        this.coder = new PatchCoder(options.threads(), 0);
    }

    /**
     * Starts ND4J's native libraries and JIT-compiles the assignment with a throw-away k-means fit on 256 points,
     * so that the first timed fit of a process does not also pay the start-up (seconds on a loaded machine).
     */
    public static void warmUp() {
        Random rng = RandomStreams.random(0, "quantize.warm_up");
        float[] px = new float[256 * 3];
        for (int i = 0; i < px.length; i++) {
            px[i] = rng.nextInt(256);
        }
        try (ColourQuantizer q = new ColourQuantizer(px, QuantizeOptions.defaults(0))) {
            q.quantize(QuantizeMethod.KMEANS, 4);
        }
    }

    /** Number of pixels N. */
    public int pixelCount() {
        return n;
    }

    /** Quantizes the image to {@code k} colours with {@code method}. */
    public Quantization quantize(QuantizeMethod method, int k) {
        if (k < 1 || k > n) {
            throw new IllegalArgumentException("k " + k + " must be from 1 to the number of pixels " + n);
        }
        long start = System.nanoTime();
        return switch (method) {
            case KMEANS, MINIBATCH -> kMeans(method, k, start);
            case GMM -> gmm(k, start);
            case RANDOM -> random(k, start);
            case GMM_SAMPLE -> gmmSample(k, start);
        };
    }

    /** The mixture fitted (or being fitted now) for {@code k} components, as used by the GMM methods. */
    public GaussianMixture mixture(int k) {
        return fittedMixture(k).gmm();
    }

    private Quantization kMeans(QuantizeMethod method, int k, long start) {
        KMeansOptions ko = new KMeansOptions(k, KMeansOptions.Init.KMEANS_PLUS_PLUS, options.maxIter(), options.tol(),
                200_000, options.batchSize(), options.maxNoImprovement(), options.seed(), options.threads(), 0);
        long[] sample = sampleRows(options.kmeansFitSample(), k, options.seed());
        KMeansResult fit;
        if (sample == null) {
            fit = method == QuantizeMethod.KMEANS ? Lloyd.fit(all, ko, IterationListener.NONE)
                    : MiniBatchKMeans.fit(all, ko, IterationListener.NONE);
        } else {
            try (PointBlocks x = all.gather(sample)) {
                fit = method == QuantizeMethod.KMEANS ? Lloyd.fit(x, ko, IterationListener.NONE)
                        : MiniBatchKMeans.fit(x, ko, IterationListener.NONE);
            }
        }
        float[] palette = clip(fit.centroids().clone());
        return nearest(method, k, palette, fit.iterations(), start);
    }

    private Quantization random(int k, long start) {
        Random rng = RandomStreams.random(options.seed(), "quantize.random_palette");
        float[] palette = new float[3 * k];
        for (int i = 0; i < palette.length; i++) {
            palette[i] = rng.nextInt(256);
        }
        return nearest(QuantizeMethod.RANDOM, k, palette, 0, start);
    }

    private Quantization nearest(QuantizeMethod method, int k, float[] palette, int iterations, long start) {
        int[] labels = coder.encode(all, palette).labels();
        float[] out = new float[pixels.length];
        for (int i = 0; i < n; i++) {
            System.arraycopy(palette, 3 * labels[i], out, 3 * i, 3);
        }
        return result(method, k, out, palette, labels, iterations, start);
    }

    private Quantization gmm(int k, long start) {
        boolean fittedBefore = mixtures.containsKey(k);
        FittedMixture fitted = fittedMixture(k);
        GaussianMixture gmm = fitted.gmm();
        float[] palette = palette(gmm);
        int[] labels = new int[n];
        double[][] chunk = new double[Math.min(n, 65_536)][3];
        for (int from = 0; from < n; from += chunk.length) {
            int len = Math.min(chunk.length, n - from);
            double[][] rows = len == chunk.length ? chunk : new double[len][3];
            for (int i = 0; i < len; i++) {
                for (int d = 0; d < 3; d++) {
                    rows[i][d] = pixels[3 * (from + i) + d];
                }
            }
            System.arraycopy(gmm.predict(rows), 0, labels, from, len);
        }
        float[] out = new float[pixels.length];
        for (int i = 0; i < n; i++) {
            System.arraycopy(palette, 3 * labels[i], out, 3 * i, 3);
        }
        return result(QuantizeMethod.GMM, k, out, palette, labels, gmm.iterations(), start,
                fittedBefore ? fitted.seconds() : 0);
    }

    private Quantization gmmSample(int k, long start) {
        boolean fittedBefore = mixtures.containsKey(k);
        FittedMixture fitted = fittedMixture(k);
        GaussianMixture gmm = fitted.gmm();
        MixtureSamples samples = gmm.sample(n, RandomStreams.random(options.seed(), "quantize.gmm_sample"));
        float[] out = new float[pixels.length];
        for (int i = 0; i < n; i++) {
            for (int d = 0; d < 3; d++) {
                out[3 * i + d] = (float) Math.max(0, Math.min(255, samples.x()[i][d]));
            }
        }
        return result(QuantizeMethod.GMM_SAMPLE, k, out, palette(gmm), samples.components(), gmm.iterations(), start,
                fittedBefore ? fitted.seconds() : 0);
    }

    private FittedMixture fittedMixture(int k) {
        return mixtures.computeIfAbsent(k, key -> {
            long t0 = System.nanoTime();
            long[] sample = sampleRows(options.gmmFitSample(), k, options.seed());
            int m = sample == null ? n : sample.length;
            double[][] x = new double[m][3];
            for (int i = 0; i < m; i++) {
                int row = sample == null ? i : (int) sample[i];
                for (int d = 0; d < 3; d++) {
                    x[i][d] = pixels[3 * row + d];
                }
            }
            GmmOptions go = options.gmm().withComponents(k).withSeed(options.seed());
            GaussianMixture gmm = GaussianMixture.fit(x, go);
            return new FittedMixture(gmm, (System.nanoTime() - t0) / 1e9);
        });
    }

    private static float[] palette(GaussianMixture gmm) {
        double[][] means = gmm.means();
        float[] palette = new float[3 * means.length];
        for (int c = 0; c < means.length; c++) {
            for (int d = 0; d < 3; d++) {
                palette[3 * c + d] = (float) Math.max(0, Math.min(255, means[c][d]));
            }
        }
        return palette;
    }

    private Quantization result(QuantizeMethod method, int k, float[] out, float[] palette, int[] labels,
                                int iterations, long start) {
        return result(method, k, out, palette, labels, iterations, start, 0);
    }

    /** {@code earlierFitSeconds}: a shared mixture fit done before {@code start} (for the other GMM method). */
    private Quantization result(QuantizeMethod method, int k, float[] out, float[] palette, int[] labels,
                                int iterations, long start, double earlierFitSeconds) {
        double seconds = (System.nanoTime() - start) / 1e9 + earlierFitSeconds;
        double mse = ColourStats.mse(pixels, out);
        return new Quantization(method, k, out, palette, labels, mse, ColourStats.psnr(mse),
                seconds, iterations);
    }

    /** A seeded sample of row indices (sorted), or null when the sample would be all rows. */
    private long[] sampleRows(Integer size, int k, long seed) {
        if (size == null || size >= n) {
            return null;
        }
        int m = Math.max(size, k);
        if (m >= n) {
            return null;
        }
        return SampleIndices.sorted(n, m, RandomStreams.random(seed, "quantize.fit_sample"));
    }

    private static float[] clip(float[] values) {
        for (int i = 0; i < values.length; i++) {
            values[i] = Math.max(0f, Math.min(255f, values[i]));
        }
        return values;
    }

    private static PointBlocks matrix(float[] pixels) {
        int n = pixels.length / 3;
        PointBlocks.Builder b = new PointBlocks.Builder(3, n);
        for (int i = 0; i < n; i++) {
            b.add(pixels, 3 * i);
        }
        return b.build();
    }

    @Override
    public void close() {
        coder.close();
        all.close();
    }
}
