package dev.latentlab.cli;

import java.lang.management.ManagementFactory;

/**
 * Bounds ND4J's off-heap memory for the whole process. ND4J frees an array's native buffer only after the
 * garbage collector has collected its small Java object; with a large, idle heap that can take long enough for
 * a SameDiff training to pile up gigabytes of old activations (a vae_148 run was killed by the kernel at 24 GB
 * resident). javacpp's {@value #PROPERTY} makes every native allocation above that resident size first run the
 * collector and wait for the buffers to go (measured: the quick VAE config then stays under 4.1 GB resident,
 * equally fast, against 6 GB after two epochs and still rising without it). Unless the user has set the
 * property ({@code java -Dorg.bytedeco.javacpp.maxphysicalbytes=12G -jar ...}), the default is half the
 * machine's memory, at least 2 GiB and at most {@value #CAP_GIB} GiB. Must run before ND4J loads.
 */
final class NativeMemoryLimit {
    static final String PROPERTY = "org.bytedeco.javacpp.maxphysicalbytes";
    static final long CAP_GIB = 6;
    private static final long GIB = 1L << 30;

    private NativeMemoryLimit() {
    }

    /** Sets {@value #PROPERTY} to {@link #defaultBytes} of this machine unless it is set already. */
    static void applyDefault() {
        if (System.getProperty(PROPERTY) == null) {
            long total = ManagementFactory.getPlatformMXBean(com.sun.management.OperatingSystemMXBean.class)
                    .getTotalMemorySize();
            System.setProperty(PROPERTY, Long.toString(defaultBytes(total)));
        }
    }

    /** Half of {@code totalBytes}, clamped to [2 GiB, {@value #CAP_GIB} GiB]. */
    static long defaultBytes(long totalBytes) {
        return Math.max(2 * GIB, Math.min(CAP_GIB * GIB, totalBytes / 2));
    }
}
