package dev.latentlab.patches;

import dev.latentlab.clustering.IterationListener;
import dev.latentlab.clustering.IterationStats;
import dev.latentlab.clustering.KMeansOptions;
import dev.latentlab.clustering.KMeansResult;
import dev.latentlab.clustering.Lloyd;
import dev.latentlab.clustering.MiniBatchKMeans;
import dev.latentlab.clustering.PointBlocks;
import dev.latentlab.clustering.PointRows;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Fits the codebook of one {@link DictionaryMethod} and K on a patch matrix,
 * telling a {@link Listener} the training MSE per pixel after each iteration (mini-batch: each batch); the fit's
 * curve keeps the logged ones (every iteration; every {@value #MINIBATCH_LOG_EVERY}th mini-batch).
 */
public final class DictionaryFitter {
    /** Mini-batch fits log every this many batches. */
    public static final int MINIBATCH_LOG_EVERY = 20;

    /** Told after each iteration of a fit (for progress and metrics; may do nothing). */
    @FunctionalInterface
    public interface Listener {
        /**
         * @param stats  the iteration's statistics
         * @param mse    its training MSE per pixel (mini-batch: of the smoothed batch inertia)
         * @param logged whether the fit's curve keeps this iteration
         */
        void iteration(IterationStats stats, double mse, boolean logged);
    }

    /**
     * Options of the fits, each with its {@code k} replaced by the fitted K.
     *
     * @param kmeans options of {@code lloyd} and {@code minibatch} fits
     * @param sparse options of {@code sparse} fits
     */
    public record Options(KMeansOptions kmeans, SparseCodingOptions sparse) {
    }

    private final Options options;
    private final PatchExtractor patches;

    /** A fitter of codebooks for the patches {@code patches} cuts. */
    public DictionaryFitter(Options options, PatchExtractor patches) {
        this.options = options;
        this.patches = patches;
    }

    /** The most iterations a fit of {@code method} runs; -1 for mini-batch (it counts batches, not passes). */
    public long iterationLimit(DictionaryMethod method) {
        return switch (method) {
            case LLOYD -> options.kmeans().maxIter();
            case MINIBATCH -> -1;
            case SPARSE -> options.sparse().maxIter();
        };
    }

    /** Fits {@code method} with {@code k} elements on the rows of {@code x}. */
    public DictionaryFit fit(PointBlocks x, DictionaryMethod method, int k, Listener listener) {
        Curve curve = new Curve(x, method == DictionaryMethod.MINIBATCH, listener);
        DictionaryFit fit = switch (method) {
            case LLOYD -> kmeans(Lloyd.fit(x, options.kmeans().withK(k), curve));
            case MINIBATCH -> kmeans(MiniBatchKMeans.fit(x, options.kmeans().withK(k), curve));
            case SPARSE -> sparse(x, k, curve);
        };
        return fit.withCurve(curve.xy());
    }

    /** Fits Lloyd k-means with {@code k} centroids on points held elsewhere (a Spark cluster's blocks). */
    public DictionaryFit lloyd(Lloyd.Points x, int k, Listener listener) {
        Curve curve = new Curve(x, false, listener);
        return kmeans(Lloyd.fit(x, options.kmeans().withK(k), curve)).withCurve(curve.xy());
    }

    private DictionaryFit kmeans(KMeansResult r) {
        return new DictionaryFit(PatchDictionary.of(patches, r), r.iterations(), r.converged(), r.secondsPerIteration(),
                r.fitSeconds(), r.mse(), unused(r.counts()), null);
    }

    /**
     * Each iteration's training MSE per pixel, told to the listener and kept for the logged iterations.
     *
     * @param pixels   the pixels an iteration's inertia is summed over (a mini-batch reports it per point)
     * @param logEvery every how many iterations a point of the curve is kept
     */
    private record Curve(double pixels, int logEvery, Listener listener, List<double[]> points)
            implements IterationListener {
        Curve(PointRows x, boolean minibatch, Listener listener) {
            this(minibatch ? x.dim() : (double) x.rows() * x.dim(), minibatch ? MINIBATCH_LOG_EVERY : 1, listener,
                    new ArrayList<>());
        }

        @Override
        public void iterationDone(IterationStats s) {
            double mse = s.inertia() / pixels;
            boolean logged = s.iteration() % logEvery == 0;
            if (logged) {
                points.add(new double[] {s.iteration(), mse});
            }
            listener.iteration(s, mse, logged);
        }

        double[][] xy() {
            return new double[][] {points.stream().mapToDouble(p -> p[0]).toArray(),
                    points.stream().mapToDouble(p -> p[1]).toArray()};
        }
    }

    private DictionaryFit sparse(PointBlocks x, int k, IterationListener listener) {
        SparseCodingResult r = DictionaryLearning.fit(x, options.sparse().withK(k), listener);
        return new DictionaryFit(SparseDictionary.of(patches, r), r.iterations(), r.converged(), r.secondsPerIteration(),
                r.fitSeconds(), r.mse(), unused(r.usage()), null);
    }

    private static int unused(long[] counts) {
        return (int) Arrays.stream(counts).filter(c -> c == 0).count();
    }
}
