package dev.latentlab.mixture;

import dev.latentlab.clustering.IterationListener;
import dev.latentlab.clustering.KMeansOptions;
import dev.latentlab.clustering.Lloyd;
import dev.latentlab.clustering.PointBlocks;
import dev.latentlab.clustering.Seeding;
import java.util.Random;

/**
 * Starting responsibilities of an EM fit, as scikit-learn's {@code GaussianMixture._initialize_parameters} makes
 * them. The k-means work (greedy k-means++ seeding, Lloyd) is the kmeans package's, run on a float copy of the
 * samples made once per fit and shared by every initialisation.
 */
final class Initialization implements AutoCloseable {
    /** scikit-learn's KMeans defaults, which its GaussianMixture uses for {@code init_params="kmeans"}. */
    private static final int KMEANS_MAX_ITER = 300;
    private static final double KMEANS_TOL = 1e-4;

    private final double[][] cols;
    private final int n;
    private PointBlocks points;

    /** @param cols the samples column-wise, {@code [d][n]} */
    Initialization(double[][] cols, int n) {
        this.cols = cols;
        this.n = n;
    }

    /** Responsibilities {@code [k][n]} for {@code init}, every random choice drawn from {@code rng}. */
    double[][] responsibilities(int k, GmmOptions.Init init, Random rng) {
        return switch (init) {
            case KMEANS -> hard(kMeansLabels(k, rng.nextLong()), k);
            case KMEANS_PLUS_PLUS -> onePointEach(
                    Seeding.kMeansPlusPlus(points(), k, n, Seeding.greedyTrials(k), rng), k);
            case RANDOM_FROM_DATA -> onePointEach(Seeding.distinctIndices(n, k, rng), k);
            case RANDOM -> uniform(k, rng);
        };
    }

    /** The labels of a converged Lloyd k-means seeded with greedy k-means++ on all samples. */
    private int[] kMeansLabels(int k, long seed) {
        KMeansOptions options = new KMeansOptions(k, KMeansOptions.Init.GREEDY_KMEANS_PLUS_PLUS, KMEANS_MAX_ITER,
                KMEANS_TOL, n, 1, 1, seed, Runtime.getRuntime().availableProcessors(), 0);
        return Lloyd.fit(points(), options, IterationListener.NONE).labels();
    }

    /** Each sample wholly in its cluster's component. */
    private double[][] hard(int[] labels, int k) {
        double[][] resp = new double[k][n];
        for (int t = 0; t < n; t++) {
            resp[labels[t]][t] = 1.0;
        }
        return resp;
    }

    /**
     * Component c holds sample {@code indices[c]} alone (scikit-learn's k-means++ and random_from_data): the first
     * M-step puts each mean on its sample with a covariance of {@code reg_covar}.
     */
    private double[][] onePointEach(long[] indices, int k) {
        double[][] resp = new double[k][n];
        for (int c = 0; c < k; c++) {
            resp[c][(int) indices[c]] = 1.0;
        }
        return resp;
    }

    /** Uniform random responsibilities, each sample's normalised to sum 1 (scikit-learn's random). */
    private double[][] uniform(int k, Random rng) {
        double[][] resp = new double[k][n];
        for (int t = 0; t < n; t++) {
            double sum = 0;
            for (int c = 0; c < k; c++) {
                double u = rng.nextDouble();
                resp[c][t] = u;
                sum += u;
            }
            for (int c = 0; c < k; c++) {
                resp[c][t] /= sum;
            }
        }
        return resp;
    }

    private PointBlocks points() {
        if (points == null) {
            int d = cols.length;
            PointBlocks.Builder builder = new PointBlocks.Builder(d, n);
            float[] row = new float[d];
            for (int t = 0; t < n; t++) {
                for (int i = 0; i < d; i++) {
                    row[i] = (float) cols[i][t];
                }
                builder.add(row, 0);
            }
            points = builder.build();
        }
        return points;
    }

    @Override
    public void close() {
        if (points != null) {
            points.close();
        }
    }
}
