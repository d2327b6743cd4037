package dev.latentlab.eval;

import java.util.Arrays;

/**
 * Kuhn-Munkres (Hungarian) assignment: the one-to-one matching of rows to columns with the largest total weight,
 * exact, in O(n²·m) for an n×m matrix. Written here because no library on the classpath has one (ND4J, DL4J and
 * commons-math do not); the matrices are confusion tables of at most a few hundred clusters.
 */
public final class Hungarian {
    private Hungarian() {
    }

    /**
     * The column matched to each row, maximising the sum of {@code weight[row][column]} over the matched pairs;
     * with more rows than columns the extra rows get -1 (with more columns, some columns stay unmatched).
     */
    public static int[] maximise(long[][] weight) {
        int rows = weight.length;
        int cols = rows == 0 ? 0 : weight[0].length;
        if (rows == 0 || cols == 0) {
            int[] none = new int[rows];
            Arrays.fill(none, -1);
            return none;
        }
        boolean transpose = rows > cols;
        int n = Math.min(rows, cols);
        int m = Math.max(rows, cols);
        long max = Long.MIN_VALUE;
        for (long[] r : weight) {
            for (long w : r) {
                max = Math.max(max, w);
            }
        }
        // Minimise cost = max - weight over an n×m matrix with n <= m (1-based, e-maxx's formulation).
        long[][] cost = new long[n + 1][m + 1];
        for (int i = 1; i <= n; i++) {
            for (int j = 1; j <= m; j++) {
                cost[i][j] = max - (transpose ? weight[j - 1][i - 1] : weight[i - 1][j - 1]);
            }
        }
        long[] u = new long[n + 1];
        long[] v = new long[m + 1];
        int[] p = new int[m + 1];
        int[] way = new int[m + 1];
        for (int i = 1; i <= n; i++) {
            p[0] = i;
            int j0 = 0;
            long[] minv = new long[m + 1];
            Arrays.fill(minv, Long.MAX_VALUE);
            boolean[] used = new boolean[m + 1];
            do {
                used[j0] = true;
                int i0 = p[j0];
                long delta = Long.MAX_VALUE;
                int j1 = 0;
                for (int j = 1; j <= m; j++) {
                    if (!used[j]) {
                        long cur = cost[i0][j] - u[i0] - v[j];
                        if (cur < minv[j]) {
                            minv[j] = cur;
                            way[j] = j0;
                        }
                        if (minv[j] < delta) {
                            delta = minv[j];
                            j1 = j;
                        }
                    }
                }
                for (int j = 0; j <= m; j++) {
                    if (used[j]) {
                        u[p[j]] += delta;
                        v[j] -= delta;
                    } else {
                        minv[j] -= delta;
                    }
                }
                j0 = j1;
            } while (p[j0] != 0);
            do {
                int j1 = way[j0];
                p[j0] = p[j1];
                j0 = j1;
            } while (j0 != 0);
        }
        int[] match = new int[rows];
        Arrays.fill(match, -1);
        for (int j = 1; j <= m; j++) {
            if (p[j] != 0) {
                if (transpose) {
                    match[j - 1] = p[j] - 1;
                } else {
                    match[p[j] - 1] = j - 1;
                }
            }
        }
        return match;
    }
}
