package dev.latentlab.clustering;

import java.io.IOException;
import java.io.InputStream;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.bytedeco.javacpp.Loader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JNI binding of the fused nearest-centroid kernel ({@code src/main/c/nearest.c}, built by gcc during
 * {@code mvn package} into the jar): distances and argmin of a group of points stay in registers, labels equal a
 * float64 brute force (ties to the lower index). The instruction set (AVX-512, AVX2 or portable C) is chosen at
 * run time. Where the library cannot be loaded, {@link #available()} is false and the search uses ND4J instead.
 */
final class NativeNearest {
    /** Largest point dimension the kernel takes. */
    static final int MAX_DIM = 64;

    private static final Logger LOG = LoggerFactory.getLogger(NativeNearest.class);
    private static final String RESOURCE = "/native/linux-x86_64/liblatentlab-kmeans.so";
    private static final boolean AVAILABLE = load();

    private NativeNearest() {
    }

    /*
     * Extracted under a name made of its content's hash rather than through JavaCPP's Loader.cacheResource: that
     * cache is keyed by the jar's file name, so two builds both called trainer.jar on one machine loaded each other's
     * kernel (seen while timing issue 28's kernels side by side). Written to a temporary name and moved into place,
     * so a process never loads a half-written file.
     */
    private static boolean load() {
        try (InputStream in = NativeNearest.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                LOG.warn("fused k-means kernel not in the build ({}): using ND4J sgemm + argmin", RESOURCE);
                return false;
            }
            byte[] bytes = in.readAllBytes();
            String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 8);
            Path dir = Loader.getCacheDir().toPath().resolve("latentlab");
            Files.createDirectories(dir);
            Path lib = dir.resolve("liblatentlab-kmeans-" + hash + ".so");
            if (!Files.exists(lib)) {
                Path part = Files.createTempFile(dir, "liblatentlab-kmeans-", ".part");
                Files.write(part, bytes);
                Files.move(part, lib, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
            System.load(lib.toAbsolutePath().toString());
            LOG.debug("fused k-means kernel {} ({})", lib, isa());
            return true;
        } catch (IOException | GeneralSecurityException | RuntimeException | UnsatisfiedLinkError e) {
            LOG.warn("fused k-means kernel not loaded ({}): using ND4J sgemm + argmin", e.toString());
            return false;
        }
    }

    /** Whether the native kernel was loaded. */
    static boolean available() {
        return AVAILABLE;
    }

    /** Packs {@code k} centroids ({@code centroids} row-major K x D, D <= {@link #MAX_DIM}); 0 when out of memory. */
    static native long prepare(float[] centroids, int k, int dim);

    /** Frees what {@link #prepare} made. */
    static native void release(long handle);

    /**
     * Writes the nearest centroid of rows {@code first .. first+count} of {@code rows} (direct, row r at
     * {@code r * stride}) to {@code labels[0 .. count)} (direct); returns how many rows needed the float64 check
     * (near or exact ties), or -1 for bad arguments.
     */
    static native int nearest(long handle, FloatBuffer rows, int first, int count, int stride, IntBuffer labels);

    /** The instruction set in use: avx512, avx2 or scalar. */
    static native String isa();

    /** Uses {@code name} (avx512, avx2, scalar, or auto for the best this CPU has); false if this CPU lacks it. */
    static native boolean useIsa(String name);

    /**
     * Runs {@code iterations} rounds of 12 independent register-only FMAs in the vector width of the instruction set
     * in use (zmm for avx512, ymm otherwise); returns the floating-point operations done, 0 without AVX2.
     */
    static native double fmaLoop(long iterations);
}
