package dev.latentlab.task.dictionary;

import dev.latentlab.BadInputException;
import dev.latentlab.clustering.PointBlocks;
import java.util.Locale;
import org.bytedeco.javacpp.Pointer;

/**
 * Refuses, before any work, a patch set that the nd4j engine cannot hold: its {@link PointBlocks} keeps every
 * patch off-heap ((D + 1) floats a row), within JavaCPP's limit ({@code -Dorg.bytedeco.javacpp.maxbytes}, by
 * default the JVM's -Xmx). One line that says what to do instead, rather than an OutOfMemoryError mid-run.
 */
public final class OffHeapBudget {
    private OffHeapBudget() {
    }

    /** Bytes a {@link PointBlocks} of {@code rows} patches of dimension {@code dim} takes. */
    public static long bytes(long rows, int dim) {
        return rows * (dim + 1) * (long) Float.BYTES;
    }

    /** Throws a one-line {@link BadInputException} when the patches do not fit the off-heap memory left. */
    public static void require(long rows, int dim) {
        long need = bytes(rows, dim);
        long max = Pointer.maxBytes();
        long left = max - Pointer.totalBytes();
        if (max > 0 && need > left) {
            throw new BadInputException(String.format(Locale.ROOT, "kmeans.engine nd4j: %,d patches need %.2f GiB "
                            + "off-heap, more than the %.2f GiB left of the %.2f GiB allowed (-Dorg.bytedeco.javacpp.maxbytes); "
                            + "use kmeans.engine: spark (a -Pspark build), kmeans.fit_sample, or a larger maxbytes", rows, gib(need),
                    gib(left), gib(max)));
        }
    }

    private static double gib(long bytes) {
        return bytes / (double) (1L << 30);
    }
}
