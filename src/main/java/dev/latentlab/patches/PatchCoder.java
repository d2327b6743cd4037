package dev.latentlab.patches;

import dev.latentlab.clustering.ClusterSums;
import dev.latentlab.clustering.Lloyd;
import dev.latentlab.clustering.NearestCentroidSearch;
import dev.latentlab.clustering.PointBlocks;
import dev.latentlab.data.ImageSet;
import java.util.stream.IntStream;

/**
 * Codes patches and images with a fixed codebook: with k-means centroids each patch becomes its nearest centroid,
 * with a sparse dictionary its OMP combination of at most T atoms. Gives patch errors (test MSE), window
 * approximations and reconstructions of whole images with either {@link Tiling}.
 */
public final class PatchCoder implements AutoCloseable {
    /** Images rebuilt per batch: bounds the window approximations held at once (about 35 MB for MNIST). */
    static final int IMAGES_PER_BATCH = 1024;

    private final NearestCentroidSearch search;
    private final SparseCoder sparse;

    /** @param threads worker threads; @param tileRows rows per distance tile (0 = automatic) */
    public PatchCoder(int threads, int tileRows) {
        this.search = new NearestCentroidSearch(threads, tileRows);
        this.sparse = new SparseCoder(threads);
    }

    /** Each row's nearest centroid and the total squared error. */
    public record Encoding(int[] labels, double squaredError, int dim) {
        /** Mean squared error per coordinate. */
        public double mse() {
            return labels.length == 0 ? 0 : squaredError / ((double) labels.length * dim);
        }
    }

    /** Nearest centroids ({@code centroids} row-major, K x D) of every row of {@code x}. */
    public Encoding encode(PointBlocks x, float[] centroids) {
        int[] labels = new int[Math.toIntExact(x.rows())];
        ClusterSums sums = Lloyd.assign(search, x, centroids, labels);
        return new Encoding(labels, sums.squaredError(), x.dim());
    }

    /** The sparse codes of every row of {@code x} with {@code dictionary}. */
    public SparseCodes encode(PointBlocks x, SparseDictionary dictionary) {
        return encode(x, dictionary, dictionary.nonZeros());
    }

    /** The same with at most {@code nonZeros} atoms per row instead of the dictionary's own T. */
    public SparseCodes encode(PointBlocks x, SparseDictionary dictionary, int nonZeros) {
        return sparse.encode(x, dictionary.atoms(), dictionary.k(), nonZeros);
    }

    /**
     * Mean squared error per coordinate of the rows of {@code x} coded with {@code codebook}; a k-means codebook's
     * pass keeps no labels (none is needed, and 20M of them are 80 MB a call).
     */
    public double mse(PointBlocks x, PatchCodebook codebook) {
        if (codebook instanceof SparseDictionary s) {
            return encode(x, s).mse();
        }
        if (x.rows() == 0) {
            return 0;
        }
        ClusterSums sums = Lloyd.assign(search, x, codebook.elements(), null);
        return sums.squaredError() / ((double) x.rows() * x.dim());
    }

    /**
     * The approximation of every row of {@code x} (N x D, row-major). With {@code nullCentroid} a k-means codebook
     * also offers an all-zero centroid (index K), so that blank rows become exact zeros; a sparse codebook gives
     * blank rows the empty code either way.
     */
    public float[] approximate(PointBlocks x, PatchCodebook codebook, boolean nullCentroid) {
        if (codebook instanceof SparseDictionary s) {
            return encode(x, s).approximations(s.atoms());
        }
        int dim = x.dim();
        float[] centroids = nullCentroid ? withNullCentroid(codebook.elements(), dim) : codebook.elements();
        int[] labels = encode(x, centroids).labels();
        float[] out = new float[labels.length * dim];
        for (int i = 0; i < labels.length; i++) {
            System.arraycopy(centroids, labels[i] * dim, out, i * dim, dim);
        }
        return out;
    }

    /** The centroids followed by one all-zero centroid, the "null centroid" of empty tiles. */
    static float[] withNullCentroid(float[] centroids, int dim) {
        return java.util.Arrays.copyOf(centroids, centroids.length + dim);
    }

    /** Reconstructions (0..255 floats, image after image) of {@code images} with overlapping windows. */
    public float[] reconstruct(ImageSet images, PatchDictionary dictionary) {
        return reconstruct(images, dictionary, Tiling.OVERLAP);
    }

    /** Reconstructions (0..255 floats, image after image) of {@code images} with {@code codebook}. */
    public float[] reconstruct(ImageSet images, PatchCodebook codebook, Tiling tiling) {
        int size = images.imageSize();
        float[] out = new float[images.count() * size];
        for (int first = 0; first < images.count(); first += IMAGES_PER_BATCH) {
            int[] batch = IntStream.range(first, Math.min(images.count(), first + IMAGES_PER_BATCH)).toArray();
            float[] recon = reconstructBatch(images.select(batch), codebook, tiling);
            System.arraycopy(recon, 0, out, first * size, recon.length);
        }
        return out;
    }

    private float[] reconstructBatch(ImageSet images, PatchCodebook codebook, Tiling tiling) {
        if (tiling == Tiling.OVERLAP) {
            PatchExtractor windows = codebook.extractor();
            try (PointBlocks x = windows.extract(images, true)) {
                return PatchReconstructor.reconstruct(images, windows, approximate(x, codebook, false), false);
            }
        }
        int s = codebook.patchSize();
        TilePadding padding = new TilePadding(images.height(), images.width(), s);
        ImageSet padded = padding.pad(images);
        PatchExtractor tiles = new PatchExtractor(s, s);
        try (PointBlocks x = tiles.extract(padded, false)) {
            float[] recon = PatchReconstructor.reconstruct(padded, tiles, approximate(x, codebook, true), true);
            return padding.crop(recon, images.count());
        }
    }

    @Override
    public void close() {
        search.close();
        sparse.close();
    }
}
