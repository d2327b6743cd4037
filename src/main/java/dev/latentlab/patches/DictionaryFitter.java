package dev.latentlab.patches;

import dev.latentlab.clustering.IterationListener;
import dev.latentlab.clustering.IterationStats;
import dev.latentlab.clustering.KMeansOptions;
import dev.latentlab.clustering.KMeansResult;
import dev.latentlab.clustering.Lloyd;
import dev.latentlab.clustering.MiniBatchKMeans;
import dev.latentlab.clustering.PatchMatrix;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Fits the codebook of one method ({@code lloyd}, {@code minibatch}, {@code sparse}) and K on a patch matrix,
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
    public long iterationLimit(String method) {
        return method.equals("minibatch") ? -1
                : method.equals("sparse") ? options.sparse().maxIter() : options.kmeans().maxIter();
    }

    /** Fits {@code method} with {@code k} elements on the rows of {@code x}. */
    public DictionaryFit fit(PatchMatrix x, String method, int k, Listener listener) {
        boolean minibatch = method.equals("minibatch");
        int every = minibatch ? MINIBATCH_LOG_EVERY : 1;
        List<double[]> curve = new ArrayList<>();
        IterationListener perIteration = s -> {
            double mse = minibatch ? s.inertia() / x.dim() : s.inertia() / ((double) x.rows() * x.dim());
            boolean logged = s.iteration() % every == 0;
            if (logged) {
                curve.add(new double[] {s.iteration(), mse});
            }
            listener.iteration(s, mse, logged);
        };
        DictionaryFit fit = method.equals("sparse") ? sparse(x, k, perIteration) : kmeans(x, k, minibatch, perIteration);
        double[][] xy = {curve.stream().mapToDouble(p -> p[0]).toArray(), curve.stream().mapToDouble(p -> p[1]).toArray()};
        return fit.withCurve(xy);
    }

    private DictionaryFit kmeans(PatchMatrix x, int k, boolean minibatch, IterationListener listener) {
        KMeansOptions o = options.kmeans().withK(k);
        KMeansResult r = minibatch ? MiniBatchKMeans.fit(x, o, listener) : Lloyd.fit(x, o, listener);
        return new DictionaryFit(PatchDictionary.of(patches, r), r.iterations(), r.converged(), r.secondsPerIteration(),
                r.fitSeconds(), r.mse(), unused(r.counts()), null);
    }

    private DictionaryFit sparse(PatchMatrix x, int k, IterationListener listener) {
        SparseCodingResult r = DictionaryLearning.fit(x, options.sparse().withK(k), listener);
        return new DictionaryFit(SparseDictionary.of(patches, r), r.iterations(), r.converged(), r.secondsPerIteration(),
                r.fitSeconds(), r.mse(), unused(r.usage()), null);
    }

    private static int unused(long[] counts) {
        return (int) Arrays.stream(counts).filter(c -> c == 0).count();
    }
}
