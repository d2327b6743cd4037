package dev.latentlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gmm.warm_start} on latent_gmm: the saved mixture's EM continues where it stopped; the saved gmm.json records
 * the run's provenance.
 */
class GmmWarmStartCliTest {
    @TempDir
    Path tmp;

    private JsonNode run(String runs, String... extra) throws IOException {
        List<String> a = new ArrayList<>(List.of("--config", "configs/latent_gmm.yaml",
                "--set", "latents=configs/samples/vae_148_latents.npz", "--set", "gmm.components=[3]",
                "--set", "gmm.n_init=1", "--set", "gmm.max_iter=3", "--set", "gmm.tol=0",
                "--set", "output.models_dir=" + tmp.resolve("models"), "--set", "output.runs_dir=" + tmp.resolve(runs)));
        a.addAll(List.of(extra));
        CliRun r = CliRun.of(a);
        assertThat(r.exitCode()).as(r.err()).isZero();
        return new ObjectMapper().readTree(CliRun.onlyFolderIn(tmp.resolve(runs)).resolve("summary.json").toFile());
    }

    @Test
    void warmStartContinuesFromTheSavedMixture() throws IOException {
        double first = run("a").get("chosen").get("mean_log_likelihood").asDouble();
        double cold = run("b").get("chosen").get("mean_log_likelihood").asDouble();
        double warm = run("c", "--set", "gmm.warm_start=true").get("chosen").get("mean_log_likelihood").asDouble();

        assertThat(cold).as("the same seed and settings refit to the same mixture").isEqualTo(first);
        assertThat(warm).as("three more EM iterations from the saved mixture").isGreaterThan(first);
    }

    @Test
    void summaryAndGmmJsonRecordTheProvenanceOfTheRunsConfig() throws Exception {
        JsonNode summary = run("p");
        JsonNode gmm = new ObjectMapper().readTree(tmp.resolve("models").resolve(summary.get("name").asText())
                .resolve("gmm/gmm.json").toFile());
        RunProvenance.assertOfTheRunsConfig(CliRun.onlyFolderIn(tmp.resolve("p")), summary.get("provenance"),
                gmm.get("provenance"));
    }
}
