package dev.latentlab.clustering;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

/**
 * The FMA peak of this host as the fused kernel sees it: every thread runs a register-only loop of independent FMAs
 * (the kernel library's {@code fmaLoop}, in the vector width of the instruction set in use) at the same time, and
 * the floating-point operations per wall second are the peak that a kernel's GFLOP/s is a share of. Measured rather
 * than computed from the clock in /proc/cpuinfo, which is the base clock, not the one the cores run at.
 */
public final class FmaPeak {
    private static final double SECONDS = 0.5;

    private FmaPeak() {
    }

    /**
     * The peak measured with {@code threads} threads.
     *
     * @param gflops GFLOP per wall second, all threads together
     * @param lanes  floats per vector of the loop (8 for ymm, 16 for zmm)
     */
    public record Peak(double gflops, int lanes) {
    }

    /** Best of three half-second runs on {@code threads} threads; null where the library or AVX2 is missing. */
    public static Peak measure(int threads) {
        if (!NativeNearest.available() || NativeNearest.fmaLoop(1) == 0) {
            return null;
        }
        int lanes = (int) (NativeNearest.fmaLoop(1) / 24);
        long probe = 2_000_000;
        long t0 = System.nanoTime();
        NativeNearest.fmaLoop(probe);
        double perIteration = Math.max(1e-10, (System.nanoTime() - t0) / 1e9 / probe);
        long iterations = (long) (SECONDS / perIteration);
        double best = 0;
        for (int r = 0; r < 3; r++) {
            best = Math.max(best, run(threads, iterations));
        }
        return new Peak(best / 1e9, lanes);
    }

    private static double run(int threads, long iterations) {
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<Double>> work = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            work.add(CompletableFuture.supplyAsync(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return NativeNearest.fmaLoop(iterations);
            }, r -> new Thread(r, "fma-peak").start()));
        }
        long t0 = System.nanoTime();
        start.countDown();
        double flops = work.stream().mapToDouble(CompletableFuture::join).sum();
        return flops / ((System.nanoTime() - t0) / 1e9);
    }
}
