package dev.latentlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.factory.Nd4jBackend;

/**
 * The CUDA build's start-up check, with ND4J's backend failure simulated as the nd4j-cuda jar produces it on a
 * machine without a GPU driver: JavaCPP's UnsatisfiedLinkError printed by JCublasBackend, ND4J's warning, then
 * Nd4j's static initialiser failing with NoAvailableBackendException.
 */
class BackendCheckTest {
    static final String PRINTED = """
            java.lang.UnsatisfiedLinkError: /root/.javacpp/cache/cuda-11.6-8.3-1.5.7-linux-x86_64.jar/org/bytedeco/cuda/linux-x86_64/libjnicudart.so: libcuda.so.1: cannot open shared object file: No such file or directory
            \tat java.base/jdk.internal.loader.NativeLibraries.load(Native Method)
            08:28:01 WARN  Skipped [JCublasBackend] backend (unavailable): java.lang.UnsatisfiedLinkError: ...
            """;

    @TempDir
    Path tmp;

    static Runnable failingBackend() {
        return () -> {
            System.err.print(PRINTED);
            throw new ExceptionInInitializerError(new RuntimeException(new Nd4jBackend.NoAvailableBackendException(
                    "Please ensure that you have an nd4j backend on your classpath.")));
        };
    }

    @Test
    void aCudaBuildWithoutGpuIsRefusedInOneLineBeforeAnyWork() {
        Path runs = tmp.resolve("runs");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        int code;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            code = RootCommand.start(true, failingBackend(), "--config", "configs/kmeans_quick.yaml",
                    "--set", "output.runs_dir=" + runs, "--set", "output.models_dir=" + tmp.resolve("models"));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        assertThat(code).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(err.toString(StandardCharsets.UTF_8).lines().toList()).containsExactly("error: " + BackendCheck.MESSAGE
                + " (libcuda.so.1: cannot open shared object file: No such file or directory)");
        assertThat(runs).doesNotExist();
        assertThat(tmp.resolve("models")).doesNotExist();
    }

    @Test
    void withoutAPrintedComplaintTheInnermostCauseIsNamed() {
        Runnable fails = () -> {
            throw new RuntimeException(new Nd4jBackend.NoAvailableBackendException("no backend\nsecond line"));
        };
        assertThat(BackendCheck.problem(true, fails)).contains(BackendCheck.MESSAGE + " (no backend)");
    }

    @Test
    void aCpuBuildIsNotProbed() {
        AtomicInteger calls = new AtomicInteger();
        assertThat(BackendCheck.problem(false, calls::incrementAndGet)).isEmpty();
        assertThat(calls).hasValue(0);
        assertThat(BackendCheck.isCudaBuild()).as("the test class path is the CPU build").isFalse();
    }

    @Test
    void aWorkingBackendPassesAndItsOutputIsKept() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream oldOut = System.out;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            assertThat(BackendCheck.problem(true, () -> System.out.println("backend ready"))).isEmpty();
        } finally {
            System.setOut(oldOut);
        }
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("backend ready" + System.lineSeparator());
    }
}
