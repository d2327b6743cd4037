package dev.latentlab.kmeans;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Random;

/**
 * Measures the nearest-centroid assignment against the plain tiled sgemm of the same shape in the same run, and
 * the seconds of a full Lloyd iteration. Numbers only; the caller prints them.
 */
public final class AssignmentBenchmark {
    private AssignmentBenchmark() {
    }

    /** The measured figures (GFLOP/s count 2·N·K·D multiply-adds with D the patch dimension). */
    public record Result(
            @JsonProperty("n") long n,
            @JsonProperty("k") int k,
            @JsonProperty("d") int d,
            @JsonProperty("threads") int threads,
            @JsonProperty("tile_rows") int tileRows,
            @JsonProperty("assign_seconds") double assignSeconds,
            @JsonProperty("assign_gflops") double assignGflops,
            @JsonProperty("sgemm_seconds") double sgemmSeconds,
            @JsonProperty("sgemm_gflops") double sgemmGflops,
            @JsonProperty("ratio") double ratio,
            @JsonProperty("lloyd_iterations") int lloydIterations,
            @JsonProperty("lloyd_seconds_per_iteration") double lloydSecondsPerIteration) {
    }

    /**
     * Best of {@code repeats} timings of the assignment and of the sgemm baseline on {@code x} with {@code k}
     * centroids drawn from the data, then {@code lloydIterations} Lloyd iterations (0 to skip).
     */
    public static Result run(PatchMatrix x, int k, int threads, int tileRows, int repeats, int lloydIterations, long seed) {
        float[] centroids = new float[k * x.dim()];
        long[] rows = Seeding.distinctIndices(x.rows(), k, new Random(seed));
        for (int c = 0; c < k; c++) {
            x.copyRow(rows[c], centroids, c * x.dim());
        }
        double assign = Double.POSITIVE_INFINITY;
        double gemm = Double.POSITIVE_INFINITY;
        int[] labels = new int[Math.toIntExact(x.rows())];
        try (NearestCentroidSearch search = new NearestCentroidSearch(threads, tileRows)) {
            for (int r = 0; r < repeats; r++) {
                long t0 = System.nanoTime();
                Lloyd.assign(search, x, centroids, labels);
                assign = Math.min(assign, (System.nanoTime() - t0) / 1e9);
                gemm = Math.min(gemm, search.gemmOnlySeconds(x, centroids, k));
            }
            double flops = 2.0 * x.rows() * k * x.dim();
            double lloydSeconds = Double.NaN;
            if (lloydIterations > 0) {
                KMeansOptions options = new KMeansOptions(k, KMeansOptions.Init.RANDOM, lloydIterations, 0.0, k,
                        1, 1, seed, threads, tileRows);
                lloydSeconds = Lloyd.fit(x, options, IterationListener.NONE).secondsPerIteration();
            }
            return new Result(x.rows(), k, x.dim(), threads, search.tileRows(k), assign, flops / assign / 1e9,
                    gemm, flops / gemm / 1e9, gemm / assign, lloydIterations, lloydSeconds);
        }
    }
}
