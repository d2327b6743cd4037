package dev.latentlab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.latentlab.BadInputException;
import dev.latentlab.clustering.AssignmentBenchmark;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code bench kmeans --sklearn}: scikit-learn's seconds per Lloyd iteration on the same patches, measured by
 * {@code src/bench/python/sklearn_lloyd.py} in a child process before trainer.jar's own timings (so that its copy of the patches is gone first). The child
 * runs without {@code OPENBLAS_CORETYPE} and {@code OPENBLAS_L2_SIZE}, which these machines set for ND4J's
 * OpenBLAS and which Debian's numpy/scikit-learn do not want.
 */
final class SklearnLloyd {
    static final Path SCRIPT = Path.of("src/bench/python/sklearn_lloyd.py");
    private static final List<String> UNSET = List.of("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE");

    private SklearnLloyd() {
    }

    /** Refuses before any work when the script or {@code python} with scikit-learn is missing. */
    static void checkInstalled(String python) {
        if (!Files.isRegularFile(SCRIPT)) {
            throw new BadInputException("bench kmeans --sklearn: " + SCRIPT + " not found: run it from the repository root");
        }
        int rc;
        try {
            rc = start(List.of(python, "-c", "import sklearn")).waitFor();
        } catch (IOException e) {
            rc = -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            rc = -1;
        }
        if (rc != 0) {
            throw new BadInputException("bench kmeans --sklearn: needs " + python + " with scikit-learn "
                    + "(Debian: apt-get install -y python3-sklearn; another interpreter: --python)");
        }
    }

    /** Runs the script on the first {@code digits} training digits; its seconds per Lloyd iteration. */
    static AssignmentBenchmark.Seconds perIteration(String python, Path dataDir, int digits, int k, int iterations)
            throws IOException {
        Process p = start(List.of(python, SCRIPT.toString(), "--digits", Integer.toString(digits), "--k",
                Integer.toString(k), "--iters", Integer.toString(iterations), "--data", dataDir.toString()));
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        try {
            if (p.waitFor() != 0) {
                throw new IOException("sklearn_lloyd.py exited with " + p.exitValue());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        String last = out.substring(out.lastIndexOf('\n') + 1);
        JsonNode line = new ObjectMapper().readTree(last);
        return new AssignmentBenchmark.Seconds(line.get("sklearn_seconds_per_iteration").asDouble(),
                line.get("sklearn_cpu_seconds_per_iteration").asDouble());
    }

    private static Process start(List<String> command) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
        UNSET.forEach(pb.environment()::remove);
        return pb.start();
    }
}
