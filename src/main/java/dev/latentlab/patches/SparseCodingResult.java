package dev.latentlab.patches;

import dev.latentlab.clustering.IterationStats;
import java.util.List;

/**
 * The outcome of a dictionary-learning fit.
 *
 * @param atoms        K x D unit-norm atoms, row-major (pixel scale: codes carry the 0..255 amplitude)
 * @param k            number of atoms
 * @param dim          the rows' dimension D
 * @param nonZeros     the most non-zero weights per code
 * @param usage        how many training rows use each atom in their final code
 * @param squaredError sum of the training rows' squared residuals with the final atoms
 * @param rows         training rows N
 * @param iterations   iterations done
 * @param converged    whether the tolerance ended the fit before the limit
 * @param fitSeconds   wall time of the fit, seeding and the final coding pass included
 * @param secondsPerIteration mean wall time of one iteration
 * @param history      one entry per iteration: the error of the codes, the atoms' squared change, re-seeded atoms
 */
public record SparseCodingResult(float[] atoms, int k, int dim, int nonZeros, long[] usage, double squaredError,
                                 long rows, int iterations, boolean converged, double fitSeconds,
                                 double secondsPerIteration, List<IterationStats> history) {

    /** Mean squared error per coordinate. */
    public double mse() {
        return rows == 0 ? 0 : squaredError / ((double) rows * dim);
    }
}
