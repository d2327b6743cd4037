package dev.latentlab.kmeans;

import dev.latentlab.data.ImageSet;

/**
 * Codes patches and images with a fixed dictionary: each patch becomes its nearest centroid. Gives the patch
 * error (test MSE) and overlapping-patch reconstructions of whole images.
 */
public final class PatchCoder implements AutoCloseable {
    private final NearestCentroidSearch search;

    /** @param threads worker threads; @param tileRows rows per distance tile (0 = automatic) */
    public PatchCoder(int threads, int tileRows) {
        this.search = new NearestCentroidSearch(threads, tileRows);
    }

    /** Each row's nearest centroid and the total squared error. */
    public record Encoding(int[] labels, double squaredError, int dim) {
        /** Mean squared error per coordinate. */
        public double mse() {
            return labels.length == 0 ? 0 : squaredError / ((double) labels.length * dim);
        }
    }

    /** Nearest centroids ({@code centroids} row-major, K x D) of every row of {@code x}. */
    public Encoding encode(PatchMatrix x, float[] centroids) {
        int[] labels = new int[Math.toIntExact(x.rows())];
        ClusterSums sums = Lloyd.assign(search, x, centroids, labels);
        return new Encoding(labels, sums.squaredError, x.dim());
    }

    /** Reconstructions (0..255 floats, image after image) of {@code images} with {@code dictionary}. */
    public float[] reconstruct(ImageSet images, PatchDictionary dictionary) {
        PatchExtractor patches = dictionary.extractor();
        try (PatchMatrix x = patches.extract(images, true)) {
            return PatchReconstructor.reconstruct(images, patches, dictionary.centroids(),
                    encode(x, dictionary.centroids()).labels());
        }
    }

    @Override
    public void close() {
        search.close();
    }
}
