package dev.latentlab.clustering;

import dev.latentlab.rng.RandomStreams;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Measures the nearest-centroid assignment with the fused kernel against the GEMM + argmin kernel and the plain
 * tiled sgemm of the same shape, interleaved in the same run, then full Lloyd iterations and (optionally) a
 * mini-batch fit with each kernel. Every figure comes as wall seconds and as CPU seconds of this process: on a
 * machine shared with other work the CPU seconds are the steadier measure. Numbers only; the caller prints them.
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
     * @param lloydIterations Lloyd iterations timed per kernel (0 to skip; per-iteration CPU needs 2 or more)
     * @param gemmLloyd       also time Lloyd with the GEMM kernel
     * @param minibatch       also time a mini-batch fit (batch 4096, stops after 30 batches without improvement)
     *                        with each kernel, its final full assignment included
     * @param seed            seed of the centroid draw and the fits
     */
    public record Options(int k, int threads, int tileRows, int repeats, int lloydIterations, boolean gemmLloyd,
                          boolean minibatch, long seed) {
    }

    /** Wall-clock and process CPU seconds of one measured step. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Seconds(double wall, double cpu) {
        static Seconds of(Runnable step) {
            double cpu0 = cpuSeconds();
            long t0 = System.nanoTime();
            step.run();
            return new Seconds((System.nanoTime() - t0) / 1e9, cpuSeconds() - cpu0);
        }

        Seconds min(Seconds other) {
            return other == null ? this : new Seconds(Math.min(wall, other.wall), Math.min(cpu, other.cpu));
        }
    }

    /** The measured figures (GFLOP/s count 2·N·K·D multiply-adds with D the patch dimension); null = not measured. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Result(
            long n,
            int k,
            int d,
            int threads,
            String kernel,
            String isa,
            Seconds assign,
            double assignGflops,
            long refinedRows,
            Seconds gemmArgmin,
            long gemmArgminLabelMismatches,
            int gemmTileRows,
            Seconds sgemm,
            double sgemmGflops,
            double ratio,
            double cpuRatio,
            double gemmArgminCpuRatio,
            int lloydIterations,
            Seconds lloydPerIteration,
            Seconds lloydGemmPerIteration,
            Seconds minibatchFit,
            Integer minibatchSteps,
            Seconds minibatchGemmFit) {
    }

    /** Runs the measurements of {@code o} on {@code x}. */
    public static Result run(PointBlocks x, Options o) {
        int k = o.k();
        float[] centroids = new float[k * x.dim()];
        long[] rows = Seeding.distinctIndices(x.rows(), k, RandomStreams.random(o.seed(), "bench.centroid_rows"));
        for (int c = 0; c < k; c++) {
            x.copyRow(rows[c], centroids, c * x.dim());
        }
        int n = Math.toIntExact(x.rows());
        int[] labels = new int[n];
        int[] gemmLabels = new int[n];
        Seconds fused = null;
        Seconds gemmArgmin = null;
        Seconds gemm = null;
        try (NearestCentroidSearch fusedSearch = new NearestCentroidSearch(o.threads(), o.tileRows(),
                     NearestCentroidSearch.Kernel.AUTO);
             NearestCentroidSearch gemmSearch = new NearestCentroidSearch(o.threads(), o.tileRows(),
                     NearestCentroidSearch.Kernel.GEMM)) {
            for (int r = 0; r < o.repeats(); r++) {
                fused = Seconds.of(() -> Lloyd.assign(fusedSearch, x, centroids, labels)).min(fused);
                gemmArgmin = Seconds.of(() -> Lloyd.assign(gemmSearch, x, centroids, gemmLabels)).min(gemmArgmin);
                gemm = Seconds.of(() -> gemmSearch.gemmOnly(x, centroids, k)).min(gemm);
            }
            long mismatches = 0;
            for (int i = 0; i < n; i++) {
                mismatches += labels[i] != gemmLabels[i] ? 1 : 0;
            }
            NearestCentroidSearch.Kernel kernel = fusedSearch.kernel(x.dim());
            String isa = kernel == NearestCentroidSearch.Kernel.FUSED ? NativeNearest.isa() : "nd4j";
            double flops = 2.0 * x.rows() * k * x.dim();
            KMeansOptions options = new KMeansOptions(k, KMeansOptions.Init.RANDOM, Math.max(1, o.lloydIterations()),
                    0.0, k, 4096, 30, o.seed(), o.threads(), o.tileRows());
            KMeansOptions gemmOptions = options.withKernel(NearestCentroidSearch.Kernel.GEMM);
            Seconds lloyd = null;
            Seconds lloydGemm = null;
            if (o.lloydIterations() > 0) {
                lloyd = perIteration(listener -> Lloyd.fit(x, options, listener));
                if (o.gemmLloyd()) {
                    lloydGemm = perIteration(listener -> Lloyd.fit(x, gemmOptions, listener));
                }
            }
            Seconds minibatch = null;
            Seconds minibatchGemm = null;
            Integer steps = null;
            if (o.minibatch()) {
                int[] taken = new int[1];
                minibatch = Seconds.of(() -> taken[0] = MiniBatchKMeans.fit(x, options, IterationListener.NONE).iterations());
                steps = taken[0];
                minibatchGemm = Seconds.of(() -> MiniBatchKMeans.fit(x, gemmOptions, IterationListener.NONE));
            }
            return new Result(x.rows(), k, x.dim(), o.threads(), kernel.name().toLowerCase(), isa, fused,
                    flops / fused.wall() / 1e9, fusedSearch.refinedRows(), gemmArgmin, mismatches,
                    gemmSearch.tileRows(k, x.dim()), gemm, flops / gemm.wall() / 1e9, gemm.wall() / fused.wall(),
                    gemm.cpu() / fused.cpu(), gemm.cpu() / gemmArgmin.cpu(), o.lloydIterations(), lloyd, lloydGemm,
                    minibatch, steps, minibatchGemm);
        }
    }

    /**
     * Mean wall and CPU seconds between the ends of consecutive iterations of a fit (so initialisation, the first
     * iteration and the final assignment are left out); with one iteration, its wall time and CPU NaN.
     */
    private static Seconds perIteration(java.util.function.Function<IterationListener, KMeansResult> fit) {
        List<Double> cpuAt = new ArrayList<>();
        List<Long> wallAt = new ArrayList<>();
        KMeansResult r = fit.apply(stats -> {
            cpuAt.add(cpuSeconds());
            wallAt.add(System.nanoTime());
        });
        int gaps = cpuAt.size() - 1;
        if (gaps < 1) {
            return new Seconds(r.secondsPerIteration(), Double.NaN);
        }
        return new Seconds((wallAt.get(gaps) - wallAt.get(0)) / 1e9 / gaps, (cpuAt.get(gaps) - cpuAt.get(0)) / gaps);
    }

    /** CPU seconds used by this process so far (all threads). */
    static double cpuSeconds() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e9;
    }
}
