package dev.latentlab.latent;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Mean Euclidean distance from each query point to its k nearest reference points (the training latent means), by
 * brute force: squared distances of a block of queries to every reference as one ND4J matrix product
 * (|q|² + |r|² − 2·q·rᵀ), then the k smallest of each row.
 */
public final class LatentNeighbours {
    /**
     * Squared distances held per block of queries, at most: 4 Mi doubles (32 MiB). The block was 512 queries
     * whatever the reference: 512 x 63,000 references made 258 MB per block, copied again into Java arrays and
     * scanned through a boxed heap. Measured (session 12, 3,000 queries of 10 numbers against 63,000, k = 5, the
     * machine shared with a training run): 37.5 s before, 7.6 s with these blocks and the primitive buffer.
     */
    static final int BLOCK_DISTANCES = 1 << 22;

    private final INDArray reference;
    private final INDArray referenceNorms;
    private final int k;

    /** @param k neighbours averaged, at most the reference points */
    public LatentNeighbours(double[][] reference, int k) {
        if (reference.length == 0 || k < 1 || k > reference.length) {
            throw new IllegalArgumentException("k = " + k + " for " + reference.length + " reference points");
        }
        this.reference = Nd4j.create(reference).castTo(DataType.DOUBLE);
        this.referenceNorms = this.reference.mul(this.reference).sum(1).reshape(1, reference.length);
        this.k = k;
    }

    /** The mean distance of every row of {@code query} to its k nearest reference points. */
    public double[] meanDistance(double[][] query) {
        double[] out = new double[query.length];
        int refs = (int) reference.size(0);
        int block = Math.max(1, Math.min(512, BLOCK_DISTANCES / refs));
        double[] smallest = new double[k];
        for (int from = 0; from < query.length; from += block) {
            int to = Math.min(query.length, from + block);
            double[][] part = java.util.Arrays.copyOfRange(query, from, to);
            try (INDArray q = Nd4j.create(part).castTo(DataType.DOUBLE);
                 INDArray qNorms = q.mul(q).sum(1).reshape(to - from, 1);
                 INDArray d2 = q.mmul(reference.transpose()).muli(-2).addiRowVector(referenceNorms)
                         .addiColumnVector(qNorms);
                 INDArray rowMajor = d2.ordering() == 'c' ? null : d2.dup('c')) {
                double[] flat = (rowMajor == null ? d2 : rowMajor).data().asDouble();
                for (int i = 0; i < to - from; i++) {
                    out[from + i] = meanOfSmallest(flat, i * refs, refs, smallest);
                }
            }
        }
        return out;
    }

    /**
     * Mean of the square roots of the k smallest of {@code d2[offset, offset + n)}: a sorted buffer of k, each new
     * value inserted only when below its largest (k is a handful: 1 to 20).
     */
    private double meanOfSmallest(double[] d2, int offset, int n, double[] smallest) {
        java.util.Arrays.fill(smallest, Double.POSITIVE_INFINITY);
        double largest = Double.POSITIVE_INFINITY;
        for (int j = offset; j < offset + n; j++) {
            double v = d2[j];
            if (v < largest) {
                int at = k - 1;
                while (at > 0 && smallest[at - 1] > v) {
                    smallest[at] = smallest[at - 1];
                    at--;
                }
                smallest[at] = v;
                largest = smallest[k - 1];
            }
        }
        double sum = 0;
        for (double v : smallest) {
            sum += Math.sqrt(Math.max(0, v));
        }
        return sum / k;
    }
}
