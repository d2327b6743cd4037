package dev.latentlab.clustering;

/**
 * The points a k-means fit starts from, wherever they are held (an off-heap {@link PointBlocks} in this JVM, or
 * blocks spread over a cluster's executors): their number, dimension and mean per-dimension variance, and rows by
 * index, so that seeding, the stopping rule and empty-cluster re-seeding are one code for every holder.
 */
public interface PointRows {
    /** Number of points N. */
    long rows();

    /** Point dimension D. */
    int dim();

    /** The mean over dimensions of each dimension's population variance (scikit-learn's tolerance scale). */
    double meanVariance();

    /** Points {@code indices}, in that order, as an {@code indices.length} x D row-major array. */
    float[] copyRows(long[] indices);
}
