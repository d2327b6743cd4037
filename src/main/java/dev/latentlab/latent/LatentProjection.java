package dev.latentlab.latent;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.eigen.Eigen;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A linear map of latent codes to the plane for plots: the identity for 2-D latents, otherwise the two leading
 * principal components of the codes it was fitted on (eigenvectors from ND4J's LAPACK {@code syev}).
 *
 * @param mean the centre subtracted before projecting (zeros for 2-D latents)
 * @param axes 2 x D, the unit directions of the plot's x and y axes
 */
public record LatentProjection(double[] mean, double[][] axes) {

    /** Fits the projection of {@code codes} (N x D, D >= 2). */
    public static LatentProjection fit(double[][] codes) {
        int d = codes[0].length;
        if (d < 2) {
            throw new IllegalArgumentException("latent codes must have at least 2 dimensions, got " + d);
        }
        if (d == 2) {
            return new LatentProjection(new double[2], new double[][] {{1, 0}, {0, 1}});
        }
        double[] mean = new double[d];
        for (double[] z : codes) {
            for (int j = 0; j < d; j++) {
                mean[j] += z[j] / codes.length;
            }
        }
        double[][] cov = new double[d][d];
        for (double[] z : codes) {
            for (int a = 0; a < d; a++) {
                for (int b = 0; b <= a; b++) {
                    cov[a][b] += (z[a] - mean[a]) * (z[b] - mean[b]) / codes.length;
                }
            }
        }
        for (int a = 0; a < d; a++) {
            for (int b = a + 1; b < d; b++) {
                cov[a][b] = cov[b][a];
            }
        }
        INDArray matrix = Nd4j.create(cov).castTo(DataType.DOUBLE);
        INDArray values = Eigen.symmetricGeneralizedEigenvalues(matrix, true); // ascending; matrix := eigenvectors
        double[][] axes = new double[2][d];
        for (int k = 0; k < 2; k++) {
            int column = (int) values.length() - 1 - k;
            for (int j = 0; j < d; j++) {
                axes[k][j] = matrix.getDouble(j, column);
            }
        }
        return new LatentProjection(mean, axes);
    }

    /** The plane coordinates of one code. */
    public double[] project(double[] z) {
        double[] p = new double[2];
        for (int k = 0; k < 2; k++) {
            for (int j = 0; j < z.length; j++) {
                p[k] += axes[k][j] * (z[j] - mean[j]);
            }
        }
        return p;
    }

    /** The 2 x 2 covariance in the plane of a D x D latent covariance: A Σ Aᵀ. */
    public double[][] project(double[][] covariance) {
        double[][] out = new double[2][2];
        for (int a = 0; a < 2; a++) {
            for (int b = 0; b < 2; b++) {
                double s = 0;
                for (int i = 0; i < covariance.length; i++) {
                    for (int j = 0; j < covariance.length; j++) {
                        s += axes[a][i] * covariance[i][j] * axes[b][j];
                    }
                }
                out[a][b] = s;
            }
        }
        return out;
    }

    /**
     * Points of the ellipse {@code (x - centre)ᵀ Σ⁻¹ (x - centre) = scale²} of a 2 x 2 covariance, as
     * {@code {xs, ys}}.
     */
    public static double[][] ellipse(double[] centre, double[][] cov, double scale, int points) {
        double a = cov[0][0], b = cov[0][1], c = cov[1][1];
        double half = (a + c) / 2, root = Math.sqrt(Math.max(0, (a - c) * (a - c) / 4 + b * b));
        double l1 = Math.max(0, half + root), l2 = Math.max(0, half - root);
        double angle = Math.abs(b) < 1e-300 ? (a >= c ? 0 : Math.PI / 2) : Math.atan2(l1 - a, b);
        double[] xs = new double[points], ys = new double[points];
        for (int i = 0; i < points; i++) {
            double t = 2 * Math.PI * i / points;
            double u = scale * Math.sqrt(l1) * Math.cos(t), v = scale * Math.sqrt(l2) * Math.sin(t);
            xs[i] = centre[0] + u * Math.cos(angle) - v * Math.sin(angle);
            ys[i] = centre[1] + u * Math.sin(angle) + v * Math.cos(angle);
        }
        return new double[][] {xs, ys};
    }
}
