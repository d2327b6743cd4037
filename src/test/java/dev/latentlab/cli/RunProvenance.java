package dev.latentlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.latentlab.store.Provenance;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

/** Checks on the {@code provenance} objects a run writes into summary.json and its model sidecars. */
final class RunProvenance {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RunProvenance() {
    }

    /**
     * Each of {@code provenance} is this process's {@link Provenance} with {@code config_sha256} the SHA-256 of
     * {@code runDir}'s config.yaml.
     */
    static void assertOfTheRunsConfig(Path runDir, JsonNode... provenance) throws IOException, GeneralSecurityException {
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(Files.readAllBytes(runDir.resolve("config.yaml"))));
        Provenance now = Provenance.of(null);
        Provenance expected = new Provenance(now.latentlabVersion(), now.gitCommit(), now.dl4jVersion(),
                now.nd4jVersion(), now.backend(), now.javaVersion(), sha);
        assertThat(provenance).isNotEmpty();
        for (JsonNode p : provenance) {
            assertThat(p.isObject()).as("a provenance object: %s", p).isTrue();
            assertThat(JSON.treeToValue(p, Provenance.class)).isEqualTo(expected);
        }
    }
}
