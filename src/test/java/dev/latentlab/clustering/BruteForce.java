package dev.latentlab.clustering;

import dev.latentlab.data.ImageSet;
import java.util.ArrayList;
import java.util.List;

/** Slow, obviously correct reference computations (double precision, plain loops) to check the kmeans code. */
public final class BruteForce {
    private BruteForce() {
    }

    /** The windows of all images, image by image, row-major, cut pixel by pixel with {@link ImageSet#pixel}. */
    public static List<float[]> windows(ImageSet images, int size, int stride, boolean dropBlank) {
        List<float[]> out = new ArrayList<>();
        for (int i = 0; i < images.count(); i++) {
            for (int top = 0; top + size <= images.height(); top += stride) {
                for (int left = 0; left + size <= images.width(); left += stride) {
                    float[] w = new float[size * size];
                    boolean any = false;
                    for (int y = 0; y < size; y++) {
                        for (int x = 0; x < size; x++) {
                            int v = images.pixel(i, top + y, left + x);
                            w[y * size + x] = v;
                            any |= v != 0;
                        }
                    }
                    if (any || !dropBlank) {
                        out.add(w);
                    }
                }
            }
        }
        return out;
    }

    /** How many windows of the images have at least one non-zero pixel. */
    public static long nonBlankWindows(ImageSet images, int size, int stride) {
        long n = 0;
        for (int i = 0; i < images.count(); i++) {
            for (int top = 0; top + size <= images.height(); top += stride) {
                for (int left = 0; left + size <= images.width(); left += stride) {
                    boolean any = false;
                    for (int y = 0; y < size && !any; y++) {
                        for (int x = 0; x < size && !any; x++) {
                            any = images.pixel(i, top + y, left + x) != 0;
                        }
                    }
                    if (any) {
                        n++;
                    }
                }
            }
        }
        return n;
    }

    /** All rows of {@code x}, N x D row-major. */
    public static float[] rows(PointBlocks x) {
        int dim = x.dim();
        float[] out = new float[Math.toIntExact(x.rows() * dim)];
        for (long i = 0; i < x.rows(); i++) {
            x.copyRow(i, out, (int) (i * dim));
        }
        return out;
    }

    /** A matrix of the rows of {@code data} (N x D row-major) with the given rows per block. */
    public static PointBlocks matrix(float[] data, int dim, int blockRows) {
        int n = data.length / dim;
        PointBlocks.Builder b = new PointBlocks.Builder(dim, n, blockRows);
        for (int i = 0; i < n; i++) {
            b.add(data, i * dim);
        }
        return b.build();
    }

    /** Squared distance in double between row {@code i} of {@code data} and centroid {@code c}. */
    public static double distance(float[] data, int i, float[] centroids, int c, int dim) {
        double s = 0;
        for (int d = 0; d < dim; d++) {
            double diff = (double) data[i * dim + d] - centroids[c * dim + d];
            s += diff * diff;
        }
        return s;
    }

    /** Each row's nearest centroid (the lowest index on ties) and the squared distance to it. */
    public record Assignment(int[] labels, double[] distances) {
        public double total() {
            double s = 0;
            for (double d : distances) {
                s += d;
            }
            return s;
        }

        long[] counts(int k) {
            long[] counts = new long[k];
            for (int l : labels) {
                counts[l]++;
            }
            return counts;
        }
    }

    public static Assignment assign(float[] data, float[] centroids, int dim) {
        int n = data.length / dim;
        int k = centroids.length / dim;
        int[] labels = new int[n];
        double[] distances = new double[n];
        for (int i = 0; i < n; i++) {
            double best = Double.POSITIVE_INFINITY;
            int arg = -1;
            for (int c = 0; c < k; c++) {
                double dist = distance(data, i, centroids, c, dim);
                if (dist < best) {
                    best = dist;
                    arg = c;
                }
            }
            labels[i] = arg;
            distances[i] = best;
        }
        return new Assignment(labels, distances);
    }
}
