package dev.latentlab.rng;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/** Seeded samples of row indices without replacement. */
public final class SampleIndices {
    private SampleIndices() {
    }

    /**
     * {@code m} distinct indices of {@code 0..n-1}, sorted: the first {@code m} places of a partial Fisher-Yates
     * shuffle drawn from {@code random} (0 ≤ m ≤ n).
     */
    public static long[] sorted(int n, int m, RandomGenerator random) {
        if (m < 0 || m > n) {
            throw new IllegalArgumentException("a sample of " + m + " from " + n);
        }
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        long[] out = new long[m];
        for (int i = 0; i < m; i++) {
            int j = i + random.nextInt(n - i);
            int t = idx[i];
            idx[i] = idx[j];
            idx[j] = t;
            out[i] = idx[i];
        }
        Arrays.sort(out);
        return out;
    }
}
