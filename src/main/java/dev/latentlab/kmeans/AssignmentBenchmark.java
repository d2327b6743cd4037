package dev.latentlab.kmeans;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Random;

/**
 * Measures the nearest-centroid assignment with the fused kernel against the GEMM + argmin kernel and the plain
 * tiled sgemm of the same shape, interleaved in the same run, then the seconds of full Lloyd iterations and
 * (optionally) a mini-batch fit with each kernel. Numbers only; the caller prints them.
 */
public final class AssignmentBenchmark {
    private AssignmentBenchmark() {
    }

    /**
     * What to measure.
     *
     * @param k               centroids, drawn from the data
     * @param threads         worker threads
     * @param tileRows        rows per tile, 0 = each kernel's own choice
     * @param repeats         timings of each assignment kernel and of sgemm; the best is kept
     * @param lloydIterations Lloyd iterations timed per kernel (0 to skip)
     * @param gemmLloyd       also time Lloyd with the GEMM kernel
     * @param minibatch       also time a mini-batch fit (batch 4096, stops after 30 batches without improvement)
     *                        with each kernel, its final full assignment included
     * @param seed            seed of the centroid draw and the fits
     */
    public record Options(int k, int threads, int tileRows, int repeats, int lloydIterations, boolean gemmLloyd,
                          boolean minibatch, long seed) {
    }

    /** The measured figures (GFLOP/s count 2·N·K·D multiply-adds with D the patch dimension); null = not measured. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Result(
            @JsonProperty("n") long n,
            @JsonProperty("k") int k,
            @JsonProperty("d") int d,
            @JsonProperty("threads") int threads,
            @JsonProperty("kernel") String kernel,
            @JsonProperty("isa") String isa,
            @JsonProperty("assign_seconds") double assignSeconds,
            @JsonProperty("assign_gflops") double assignGflops,
            @JsonProperty("refined_rows") long refinedRows,
            @JsonProperty("gemm_argmin_seconds") double gemmArgminSeconds,
            @JsonProperty("gemm_argmin_gflops") double gemmArgminGflops,
            @JsonProperty("gemm_argmin_label_mismatches") long gemmArgminMismatches,
            @JsonProperty("gemm_tile_rows") int gemmTileRows,
            @JsonProperty("sgemm_seconds") double sgemmSeconds,
            @JsonProperty("sgemm_gflops") double sgemmGflops,
            @JsonProperty("ratio") double ratio,
            @JsonProperty("gemm_argmin_ratio") double gemmArgminRatio,
            @JsonProperty("lloyd_iterations") int lloydIterations,
            @JsonProperty("lloyd_seconds_per_iteration") Double lloydSecondsPerIteration,
            @JsonProperty("lloyd_gemm_seconds_per_iteration") Double lloydGemmSecondsPerIteration,
            @JsonProperty("minibatch_seconds") Double minibatchSeconds,
            @JsonProperty("minibatch_steps") Integer minibatchSteps,
            @JsonProperty("minibatch_gemm_seconds") Double minibatchGemmSeconds) {
    }

    /** Runs the measurements of {@code o} on {@code x}. */
    public static Result run(PatchMatrix x, Options o) {
        int k = o.k();
        float[] centroids = new float[k * x.dim()];
        long[] rows = Seeding.distinctIndices(x.rows(), k, new Random(o.seed()));
        for (int c = 0; c < k; c++) {
            x.copyRow(rows[c], centroids, c * x.dim());
        }
        double fused = Double.POSITIVE_INFINITY;
        double gemmArgmin = Double.POSITIVE_INFINITY;
        double gemm = Double.POSITIVE_INFINITY;
        int n = Math.toIntExact(x.rows());
        int[] labels = new int[n];
        int[] gemmLabels = new int[n];
        try (NearestCentroidSearch fusedSearch = new NearestCentroidSearch(o.threads(), o.tileRows(),
                     NearestCentroidSearch.Kernel.AUTO);
             NearestCentroidSearch gemmSearch = new NearestCentroidSearch(o.threads(), o.tileRows(),
                     NearestCentroidSearch.Kernel.GEMM)) {
            for (int r = 0; r < o.repeats(); r++) {
                fused = Math.min(fused, timed(() -> Lloyd.assign(fusedSearch, x, centroids, labels)));
                gemmArgmin = Math.min(gemmArgmin, timed(() -> Lloyd.assign(gemmSearch, x, centroids, gemmLabels)));
                gemm = Math.min(gemm, gemmSearch.gemmOnlySeconds(x, centroids, k));
            }
            long mismatches = 0;
            for (int i = 0; i < n; i++) {
                mismatches += labels[i] != gemmLabels[i] ? 1 : 0;
            }
            NearestCentroidSearch.Kernel kernel = fusedSearch.kernel(x.dim());
            String isa = kernel == NearestCentroidSearch.Kernel.FUSED ? NativeNearest.isa() : "nd4j";
            double flops = 2.0 * x.rows() * k * x.dim();
            Double lloyd = null;
            Double lloydGemm = null;
            Double minibatch = null;
            Integer minibatchSteps = null;
            Double minibatchGemm = null;
            KMeansOptions lloydOptions = new KMeansOptions(k, KMeansOptions.Init.RANDOM, Math.max(1, o.lloydIterations()),
                    0.0, k, 4096, 30, o.seed(), o.threads(), o.tileRows());
            if (o.lloydIterations() > 0) {
                lloyd = Lloyd.fit(x, lloydOptions, IterationListener.NONE, NearestCentroidSearch.Kernel.AUTO)
                        .secondsPerIteration();
                if (o.gemmLloyd()) {
                    lloydGemm = Lloyd.fit(x, lloydOptions, IterationListener.NONE, NearestCentroidSearch.Kernel.GEMM)
                            .secondsPerIteration();
                }
            }
            if (o.minibatch()) {
                KMeansResult mb = MiniBatchKMeans.fit(x, lloydOptions, IterationListener.NONE,
                        NearestCentroidSearch.Kernel.AUTO);
                minibatch = mb.fitSeconds();
                minibatchSteps = mb.iterations();
                minibatchGemm = MiniBatchKMeans.fit(x, lloydOptions, IterationListener.NONE,
                        NearestCentroidSearch.Kernel.GEMM).fitSeconds();
            }
            return new Result(x.rows(), k, x.dim(), o.threads(), kernel.name().toLowerCase(), isa, fused,
                    flops / fused / 1e9, fusedSearch.refinedRows(), gemmArgmin, flops / gemmArgmin / 1e9, mismatches,
                    gemmSearch.tileRows(k, x.dim()), gemm, flops / gemm / 1e9, gemm / fused, gemm / gemmArgmin,
                    o.lloydIterations(), lloyd, lloydGemm, minibatch, minibatchSteps, minibatchGemm);
        }
    }

    private static double timed(Runnable step) {
        long t0 = System.nanoTime();
        step.run();
        return (System.nanoTime() - t0) / 1e9;
    }
}
