package dev.latentlab.manifold;

import dev.latentlab.rng.RandomStreams;
import java.util.Arrays;
import java.util.Objects;
import java.util.Random;
import tagbio.umap.Umap;

/**
 * A UMAP embedding of reference points (a model's training latents) and the map that places any other point in
 * it: the point's {@code neighbours} nearest reference points (exact, Euclidean) weighted as UMAP weighs a
 * neighbourhood — {@code exp(-d / σ)} with σ such that the weights sum to log2(neighbours) — and averaged over
 * their embedded positions. That is umap-learn's own starting point for {@code transform}; its few further
 * optimisation epochs are left out so that the map is a pure function of the stored arrays: a saved model
 * places a point exactly where the run that trained it did.
 *
 * <pre>{@code
 * LatentEmbedding e = LatentEmbedding.fit(trainZ, new UmapOptions(3, 20, 0.0, null, seed));
 * double[][] trainE = e.embedding();          // the fitted positions of the reference points
 * double[][] testE = e.transform(testZ);      // new points placed among them
 * }</pre>
 *
 * @param reference  the points UMAP was fitted on, N x D
 * @param embedding  their embedded positions, N x C
 * @param neighbours the neighbourhood size used for new points (UMAP's n_neighbors)
 */
public record LatentEmbedding(double[][] reference, double[][] embedding, int neighbours) {
    private static final int SIGMA_STEPS = 64;

    public LatentEmbedding {
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(embedding, "embedding");
        if (reference.length != embedding.length || reference.length == 0) {
            throw new IllegalArgumentException("reference (" + reference.length + ") and embedding ("
                    + embedding.length + ") need the same, positive number of rows");
        }
        if (neighbours < 2 || neighbours > reference.length) {
            throw new IllegalArgumentException("neighbours must be in [2, " + reference.length + "], got " + neighbours);
        }
    }

    /** Fits UMAP on the rows of {@code x} (single-threaded, so that a seed repeats the embedding exactly). */
    public static LatentEmbedding fit(double[][] x, UmapOptions options) {
        if (x.length <= options.neighbours()) {
            throw new IllegalArgumentException("UMAP needs more points (" + x.length + ") than neighbours ("
                    + options.neighbours() + ")");
        }
        Umap umap = new Umap();
        umap.setNumberComponents(options.components());
        umap.setNumberNearestNeighbours(options.neighbours());
        umap.setMinDist((float) options.minDist());
        umap.setNumberEpochs(options.epochs());
        umap.setSeed(RandomStreams.seed(options.seed(), "umap"));
        umap.setRandom(RandomStreams.random(options.seed(), "umap"));
        umap.setThreads(1);
        umap.setVerbose(false);
        double[][] fitted = umap.fitTransform(x);
        return new LatentEmbedding(copy(x), fitted, options.neighbours());
    }

    /** The latent dimension D. */
    public int inputDimension() {
        return reference[0].length;
    }

    /** The embedding dimension C. */
    public int dimension() {
        return embedding[0].length;
    }

    /** Places each row of {@code x} in the embedding (see the class comment). */
    public double[][] transform(double[][] x) {
        int d = inputDimension();
        int c = dimension();
        double[][] out = new double[x.length][c];
        int[] index = new int[neighbours];
        double[] dist = new double[neighbours];
        double target = Math.log(neighbours) / Math.log(2);
        for (int i = 0; i < x.length; i++) {
            if (x[i].length != d) {
                throw new IllegalArgumentException("row " + i + " has " + x[i].length + " values, expected " + d);
            }
            nearest(x[i], index, dist);
            double sigma = sigma(dist, target);
            double total = 0;
            for (int j = 0; j < neighbours; j++) {
                double w = Math.exp(-dist[j] / sigma);
                total += w;
                double[] e = embedding[index[j]];
                for (int k = 0; k < c; k++) {
                    out[i][k] += w * e[k];
                }
            }
            for (int k = 0; k < c; k++) {
                out[i][k] /= total;
            }
        }
        return out;
    }

    /** The {@code index.length} nearest reference rows to {@code q}, nearest first, with their distances. */
    private void nearest(double[] q, int[] index, double[] dist) {
        int k = index.length;
        Arrays.fill(dist, Double.POSITIVE_INFINITY);
        Arrays.fill(index, -1);
        for (int r = 0; r < reference.length; r++) {
            double[] p = reference[r];
            double s = 0;
            for (int j = 0; j < p.length; j++) {
                double t = p[j] - q[j];
                s += t * t;
            }
            if (s < dist[k - 1]) {
                int at = k - 1;
                while (at > 0 && dist[at - 1] > s) {
                    dist[at] = dist[at - 1];
                    index[at] = index[at - 1];
                    at--;
                }
                dist[at] = s;
                index[at] = r;
            }
        }
        for (int j = 0; j < k; j++) {
            dist[j] = Math.sqrt(dist[j]);
        }
    }

    /** σ with Σ exp(-d_j / σ) = target, by bisection (UMAP's smooth_knn_dist with no local connectivity). */
    static double sigma(double[] dist, double target) {
        double lo = 0;
        double hi = Double.POSITIVE_INFINITY;
        double s = dist[dist.length - 1] > 0 ? dist[dist.length - 1] : 1;
        for (int step = 0; step < SIGMA_STEPS; step++) {
            double v = 0;
            for (double di : dist) {
                v += Math.exp(-di / s);
            }
            if (Math.abs(v - target) < 1e-9) {
                break;
            }
            if (v > target) {
                hi = s;
                s = (lo + hi) / 2;
            } else {
                lo = s;
                s = Double.isInfinite(hi) ? s * 2 : (lo + hi) / 2;
            }
        }
        return s;
    }

    private static double[][] copy(double[][] x) {
        double[][] out = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            out[i] = x[i].clone();
        }
        return out;
    }
}
