package dev.latentlab.clustering;

import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * While open, OpenBLAS and libnd4j's OpenMP run one thread per call, so that Java worker threads can each own a
 * core without oversubscription (measured: with two Java workers, nested two-thread native calls made the
 * assignment step up to 1.6x slower). Restores the previous settings on close. Process-wide: not for use by two
 * searches at once.
 */
final class SingleThreadedNatives implements AutoCloseable {
    private final boolean active;
    private final int blasThreads;
    private final int ompThreads;

    private SingleThreadedNatives(boolean active) {
        this.active = active;
        this.blasThreads = active ? Nd4j.factory().blas().getMaxThreads() : 0;
        this.ompThreads = active ? NativeOpsHolder.getInstance().getDeviceNativeOps().ompGetMaxThreads() : 0;
        if (active) {
            Nd4j.factory().blas().setMaxThreads(1);
            NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(1);
        }
    }

    /** Single-threaded natives when {@code condition}, otherwise a no-op. */
    static SingleThreadedNatives when(boolean condition) {
        return new SingleThreadedNatives(condition);
    }

    @Override
    public void close() {
        if (active) {
            Nd4j.factory().blas().setMaxThreads(blasThreads);
            NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(ompThreads);
        }
    }
}
