package dev.latentlab.vae;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Mean Euclidean distance from each query point to its k nearest reference points (the training latent means), by
 * brute force: squared distances of a block of queries to every reference as one ND4J matrix product
 * (|q|² + |r|² − 2·q·rᵀ), then the k smallest of each row.
 */
public final class LatentNeighbours {
    private static final int BLOCK = 512;

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
        for (int from = 0; from < query.length; from += BLOCK) {
            int to = Math.min(query.length, from + BLOCK);
            double[][] part = java.util.Arrays.copyOfRange(query, from, to);
            try (INDArray q = Nd4j.create(part).castTo(DataType.DOUBLE);
                 INDArray qNorms = q.mul(q).sum(1).reshape(to - from, 1);
                 INDArray d2 = q.mmul(reference.transpose()).muli(-2).addiRowVector(referenceNorms)
                         .addiColumnVector(qNorms)) {
                double[][] rows = d2.toDoubleMatrix();
                for (int i = 0; i < rows.length; i++) {
                    out[from + i] = meanOfSmallest(rows[i]);
                }
            }
        }
        return out;
    }

    /** Mean of the square roots of the k smallest squared distances (a bounded max-heap). */
    private double meanOfSmallest(double[] d2) {
        java.util.PriorityQueue<Double> heap = new java.util.PriorityQueue<>(k + 1, java.util.Comparator.reverseOrder());
        for (double v : d2) {
            if (heap.size() < k) {
                heap.add(v);
            } else if (v < heap.peek()) {
                heap.poll();
                heap.add(v);
            }
        }
        double sum = 0;
        for (double v : heap) {
            sum += Math.sqrt(Math.max(0, v));
        }
        return sum / k;
    }
}
