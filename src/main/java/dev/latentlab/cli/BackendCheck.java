package dev.latentlab.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Before any work, a jar built with {@code -Dcuda} loads ND4J's CUDA backend once: on a machine without a usable
 * GPU or driver ND4J would otherwise print a stack trace (its own, then NoAvailableBackendException) at the first
 * array, after a run folder was made. What ND4J prints while it tries is kept back; the user gets one line with
 * the first CUDA/driver complaint in it. A CPU build (no CUDA backend class) is not probed: it costs nothing there.
 */
final class BackendCheck {
    static final String CUDA_BACKEND = "org.nd4j.linalg.jcublas.JCublasBackend";
    static final String MESSAGE = "built for CUDA, no usable GPU/driver found; build without -Dcuda for the CPU";
    private static final Logger LOG = LoggerFactory.getLogger(BackendCheck.class);

    private BackendCheck() {
    }

    /** Whether this is a {@code -Dcuda} build: ND4J's CUDA backend is on the class path. */
    static boolean isCudaBuild() {
        try {
            Class.forName(CUDA_BACKEND, false, BackendCheck.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    /** Loads ND4J's backend (its static initialiser picks and starts one). */
    static void loadNd4j() {
        Nd4j.getBackend();
    }

    /**
     * The one-line problem when {@code cudaBuild} and {@code loadBackend} fails, else empty; while it runs, standard
     * output and error are captured (ND4J's and JavaCPP's stack traces, the backend warnings).
     */
    static Optional<String> problem(boolean cudaBuild, Runnable loadBackend) {
        if (!cudaBuild) {
            return Optional.empty();
        }
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream sink = new PrintStream(captured, true, StandardCharsets.UTF_8);
        Throwable failure = null;
        System.setOut(sink);
        System.setErr(sink);
        try {
            loadBackend.run();
        } catch (Throwable t) { // ExceptionInInitializerError, NoClassDefFoundError, RuntimeException from ND4J
            failure = t;
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        String text = captured.toString(StandardCharsets.UTF_8);
        if (failure == null) {
            out.print(text);
            return Optional.empty();
        }
        LOG.debug("CUDA backend did not load; it printed:\n{}", text, failure);
        return Optional.of(MESSAGE + cause(text, failure).map(c -> " (" + c + ")").orElse(""));
    }

    /** The first line that names a CUDA or native-library complaint, shortened; else the innermost cause's message. */
    private static Optional<String> cause(String printed, Throwable failure) {
        Optional<String> line = printed.lines().map(String::strip)
                .filter(l -> l.contains("UnsatisfiedLinkError") || l.contains("CUDA error") || l.contains("cudaError"))
                .findFirst();
        if (line.isEmpty()) {
            Throwable root = failure;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            line = Optional.ofNullable(root.getMessage()).flatMap(m -> m.lines().findFirst());
        }
        return line.map(BackendCheck::shorten);
    }

    /** "java.lang.UnsatisfiedLinkError: /path/libjnicudart.so: libcuda.so.1: cannot open ..." keeps what follows the path. */
    static String shorten(String line) {
        int so = line.lastIndexOf(".so: ");
        String s = line.startsWith("java.lang.UnsatisfiedLinkError") && so >= 0 ? line.substring(so + 5) : line;
        return s.length() > 160 ? s.substring(0, 157) + "..." : s;
    }
}
