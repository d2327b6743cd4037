package dev.latentlab.patches;

import dev.latentlab.rng.RandomStreams;
import dev.latentlab.clustering.IterationListener;
import dev.latentlab.clustering.IterationStats;
import dev.latentlab.clustering.KMeansOptions;
import dev.latentlab.clustering.Lloyd;
import dev.latentlab.clustering.PointBlocks;
import dev.latentlab.clustering.Seeding;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Dictionary learning for sparse coding: alternates Batch-OMP codes with at most T non-zeros ({@link SparseCoder})
 * and the MOD dictionary update (Method of Optimal Directions; Engan, Aase and Husøy, 1999). With the codes G
 * fixed, the atoms minimising {@code ||X - G D||^2} are {@code D = (G^T G)^-1 G^T X}: one K x K solve (ND4J) of
 * sums accumulated in one pass over the sparse codes. Atoms are then scaled to unit norm, and atoms no row uses are
 * re-seeded with the training rows the current codes represent worst, as k-SVD implementations do.
 *
 * <p>MOD rather than k-SVD: the same alternation, but one small linear solve per iteration instead of K rank-one
 * SVDs over each atom's rows, and only {@code G^T G} and {@code G^T X} to accumulate. The first atoms are k-means++
 * picks of training rows ({@link Seeding}), normalised. Each iteration is one update and one OMP pass over all rows;
 * the fit stops when an iteration without re-seeding lowers the error by less than {@code tol} of it, or after
 * {@code maxIter} iterations. The codes of the last pass belong to the atoms returned.
 */
public final class DictionaryLearning {
    /** Ridge, relative to the mean diagonal of G^T G, that keeps the MOD system solvable when atoms are unused. */
    static final double RIDGE = 1e-9;

    private DictionaryLearning() {
    }

    /** Learns {@code options.k()} unit-norm atoms for the rows of {@code x}. */
    public static SparseCodingResult fit(PointBlocks x, SparseCodingOptions options, IterationListener listener) {
        long start = System.nanoTime();
        int k = options.k();
        int dim = x.dim();
        Random rng = RandomStreams.random(options.seed(), "sparse_coding");
        KMeansOptions seeding = new KMeansOptions(k, KMeansOptions.Init.KMEANS_PLUS_PLUS, 1, 0, options.initSample(),
                1, 1, options.seed(), options.threads(), 0);
        float[] atoms = Seeding.initialCentroids(x, seeding, rng);
        normalize(atoms, dim);
        List<IterationStats> history = new ArrayList<>();
        boolean converged = false;
        double iterationSeconds = 0;
        try (SparseCoder coder = new SparseCoder(options.threads())) {
            SparseCodes codes = coder.encode(x, atoms, k, options.nonZeros());
            for (int it = 1; it <= options.maxIter(); it++) {
                long t0 = System.nanoTime();
                float[] updated = update(x, codes, k);
                int reseeded = reseedUnused(updated, codes, x);
                double before = codes.squaredError();
                codes = coder.encode(x, updated, k, options.nonZeros());
                double shift = Lloyd.squaredShift(atoms, updated);
                atoms = updated;
                double seconds = (System.nanoTime() - t0) / 1e9;
                iterationSeconds += seconds;
                IterationStats stats = new IterationStats(it, codes.squaredError(), shift, reseeded, seconds);
                history.add(stats);
                listener.iterationDone(stats);
                if (reseeded == 0 && before - codes.squaredError() <= options.tol() * before) {
                    converged = true;
                    break;
                }
            }
            double fitSeconds = (System.nanoTime() - start) / 1e9;
            return new SparseCodingResult(atoms, k, dim, codes.nonZeros(), codes.usage(k), codes.squaredError(),
                    x.rows(), history.size(), converged, fitSeconds, iterationSeconds / history.size(),
                    List.copyOf(history));
        }
    }

    /** The MOD update {@code (G^T G + ridge I)^-1 G^T X} for the codes G of the rows of x, unit-norm rows. */
    static float[] update(PointBlocks x, SparseCodes codes, int k) {
        int dim = x.dim();
        double[] gtg = codes.gram(k);
        double[] gtx = codes.transposeTimes(x, k);
        double trace = 0;
        for (int a = 0; a < k; a++) {
            trace += gtg[a * k + a];
        }
        double ridge = RIDGE * Math.max(trace / k, 1e-30);
        for (int a = 0; a < k; a++) {
            gtg[a * k + a] += ridge;
        }
        float[] atoms;
        try (INDArray lhs = Nd4j.create(gtg, new long[] {k, k}, DataType.DOUBLE);
             INDArray rhs = Nd4j.create(gtx, new long[] {k, dim}, DataType.DOUBLE);
             INDArray solution = Nd4j.linalg().solve(lhs, rhs)) {
            atoms = solution.castTo(DataType.FLOAT).dup('c').data().asFloat();
        }
        normalize(atoms, dim);
        return atoms;
    }

    /**
     * Replaces every atom that no code uses (or that is not finite or zero) with one of the rows worst represented
     * by {@code codes}, normalised; returns how many were replaced.
     */
    static int reseedUnused(float[] atoms, SparseCodes codes, PointBlocks x) {
        int dim = x.dim();
        int k = atoms.length / dim;
        long[] usage = codes.usage(k);
        List<Integer> dead = new ArrayList<>();
        for (int a = 0; a < k; a++) {
            if (usage[a] == 0 || !(norm(atoms, a, dim) > 0)) {
                dead.add(a);
            }
        }
        if (dead.isEmpty()) {
            return 0;
        }
        int[] worst = worstRows(codes.rowErrors(), dead.size());
        float[] row = new float[dim];
        int replaced = 0;
        for (int i = 0; i < dead.size() && i < worst.length; i++) {
            x.copyRow(worst[i], row, 0);
            System.arraycopy(row, 0, atoms, dead.get(i) * dim, dim);
            replaced++;
        }
        normalize(atoms, dim);
        return replaced;
    }

    /** Indices of the (at most) m rows with the largest positive errors, worst first. */
    static int[] worstRows(float[] errors, int m) {
        PriorityQueue<Integer> heap = new PriorityQueue<>(m + 1,
                (p, q) -> errors[p] != errors[q] ? Float.compare(errors[p], errors[q]) : Integer.compare(q, p));
        for (int i = 0; i < errors.length; i++) {
            if (!(errors[i] > 0)) {
                continue;
            }
            if (heap.size() < m) {
                heap.add(i);
            } else if (errors[i] > errors[heap.peek()]) {
                heap.poll();
                heap.add(i);
            }
        }
        int[] out = new int[heap.size()];
        for (int i = out.length - 1; i >= 0; i--) {
            out[i] = heap.poll();
        }
        return out;
    }

    /** Scales every row (K x D) to unit Euclidean norm; zero rows stay zero. */
    static void normalize(float[] atoms, int dim) {
        for (int a = 0; a < atoms.length / dim; a++) {
            double n = norm(atoms, a, dim);
            if (n > 0 && Double.isFinite(n)) {
                for (int d = 0; d < dim; d++) {
                    atoms[a * dim + d] = (float) (atoms[a * dim + d] / n);
                }
            }
        }
    }

    private static double norm(float[] atoms, int a, int dim) {
        double s = 0;
        for (int d = 0; d < dim; d++) {
            s += (double) atoms[a * dim + d] * atoms[a * dim + d];
        }
        return Math.sqrt(s);
    }
}
