package dev.latentlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.latentlab.clustering.NearestCentroidSearch;
import dev.latentlab.data.MnistFixtures;
import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code bench kmeans --isa}: a slower instruction set forced on a faster CPU, for side-by-side timings. */
class BenchIsaCliTest {
    @AfterEach
    void backToTheBest() {
        NearestCentroidSearch.useInstructionSet("auto");   // the choice is process-wide
    }

    @Test
    void theForcedInstructionSetIsTheOneTimedAndReported() throws IOException {
        for (String isa : NearestCentroidSearch.INSTRUCTION_SETS) {
            if (!NearestCentroidSearch.useInstructionSet(isa)) {
                continue;   // not on this CPU: refused below
            }
            CliRun r = CliRun.of("bench", "kmeans", "--digits", "20", "--k", "8", "--repeats", "1",
                    "--lloyd-iterations", "1", "--dir", MnistFixtures.dir().toString(), "--isa", isa.toUpperCase());
            assertThat(r.exitCode()).as(r.err()).isZero();
            String json = r.out().lines().filter(l -> l.startsWith("{")).reduce((a, b) -> b).orElseThrow();
            JsonNode line = new ObjectMapper().readTree(json);
            assertThat(line.get("isa").asText()).isEqualTo(isa);
            // the sgemm baseline's own cap, which --isa does not set (oneDNN reads it from the environment)
            assertThat(line.get("sgemm_isa_cap").asText())
                    .isEqualTo(System.getenv().getOrDefault("DNNL_MAX_CPU_ISA", "none"));
            if (line.has("fma_peak")) {   // the peak is measured in the width of the forced instruction set
                assertThat(line.get("fma_peak").get("gflops").asDouble()).isPositive();
                assertThat(line.get("fma_peak").get("lanes").asInt()).isEqualTo(isa.equals("avx512") ? 16 : 8);
                assertThat(line.get("assign_share_of_peak").asDouble()).isPositive();
            }
        }
    }

    @Test
    void anUnknownOrMissingInstructionSetIsRefusedInOneLine() {
        CliRun unknown = CliRun.of("bench", "kmeans", "--isa", "sse9", "--dir", MnistFixtures.dir().toString());
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.errLines()).hasSize(1);
        assertThat(unknown.err()).contains("--isa").contains("sse9");
        for (String isa : NearestCentroidSearch.INSTRUCTION_SETS) {
            if (!NearestCentroidSearch.useInstructionSet(isa)) {
                CliRun missing = CliRun.of("bench", "kmeans", "--isa", isa, "--dir", MnistFixtures.dir().toString());
                assertThat(missing.exitCode()).isEqualTo(2);
                assertThat(missing.err()).contains("this CPU lacks it");
            }
        }
    }
}
