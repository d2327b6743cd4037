package dev.latentlab.clustering;

import java.util.Random;

/** Synthetic data: isotropic Gaussian blobs around given centres, blob after blob. */
final class Blobs {
    final float[][] centres;
    final int perBlob;
    final int dim;
    final float[] data;

    Blobs(float[][] centres, int perBlob, double sigma, long seed) {
        this.centres = centres;
        this.perBlob = perBlob;
        this.dim = centres[0].length;
        this.data = new float[centres.length * perBlob * dim];
        Random rng = new Random(seed);
        for (int b = 0; b < centres.length; b++) {
            for (int i = 0; i < perBlob; i++) {
                for (int d = 0; d < dim; d++) {
                    data[(b * perBlob + i) * dim + d] = (float) (centres[b][d] + sigma * rng.nextGaussian());
                }
            }
        }
    }

    /** {@code count} centres on a grid of spacing {@code spacing} in {@code dim} dimensions (count <= 2^dim). */
    static float[][] cornerCentres(int count, int dim, float spacing) {
        float[][] c = new float[count][dim];
        for (int b = 0; b < count; b++) {
            for (int d = 0; d < dim; d++) {
                c[b][d] = ((b >> d) & 1) * spacing;
            }
        }
        return c;
    }

    int rows() {
        return centres.length * perBlob;
    }

    /** The blob a row was drawn from. */
    int blobOf(int row) {
        return row / perBlob;
    }

    /** The sample mean of blob {@code b}'s points, in double. */
    double[] sampleMean(int b) {
        double[] m = new double[dim];
        for (int i = 0; i < perBlob; i++) {
            for (int d = 0; d < dim; d++) {
                m[d] += data[(b * perBlob + i) * dim + d];
            }
        }
        for (int d = 0; d < dim; d++) {
            m[d] /= perBlob;
        }
        return m;
    }

    /** The index of the blob centre nearest to centroid {@code c} of {@code centroids}. */
    int nearestCentre(float[] centroids, int c) {
        int best = -1;
        double bestDist = Double.POSITIVE_INFINITY;
        for (int b = 0; b < centres.length; b++) {
            double s = 0;
            for (int d = 0; d < dim; d++) {
                double diff = centroids[c * dim + d] - centres[b][d];
                s += diff * diff;
            }
            if (s < bestDist) {
                bestDist = s;
                best = b;
            }
        }
        return best;
    }

    PointBlocks matrix() {
        return BruteForce.matrix(data, dim, PointBlocks.DEFAULT_BLOCK_ROWS);
    }
}
