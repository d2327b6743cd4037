package dev.latentlab.mixture;

/** Validates samples given as rows ({@code x[n][d]}) and copies them column by column ({@code [d][n]}). */
final class Columns {
    private Columns() {
    }

    /**
     * The samples as columns. {@code dim} is the expected number of features, or -1 to take it from the first row.
     *
     * @throws IllegalArgumentException for null or ragged rows, a wrong dimension, or a NaN/infinite value
     */
    static double[][] of(double[][] x, int dim) {
        if (x == null) {
            throw new IllegalArgumentException("samples must not be null");
        }
        int d = dim >= 0 ? dim : x.length > 0 && x[0] != null ? x[0].length : 0;
        if (d < 1) {
            throw new IllegalArgumentException("samples must have at least one feature");
        }
        double[][] cols = new double[d][x.length];
        for (int n = 0; n < x.length; n++) {
            double[] row = x[n];
            if (row == null || row.length != d) {
                throw new IllegalArgumentException("sample " + n + " has " + (row == null ? "no" : row.length)
                        + " features, expected " + d);
            }
            for (int i = 0; i < d; i++) {
                double v = row[i];
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("sample " + n + ", feature " + i + " is " + v
                            + " (expected finite values)");
                }
                cols[i][n] = v;
            }
        }
        return cols;
    }
}
