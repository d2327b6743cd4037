package dev.latentlab.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Node;

/** {@link Provenance}: versions as the build and the jars on the class path say, the config's SHA-256, its JSON keys. */
class ProvenanceTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void versionsAreThoseOfPomXml() throws Exception {
        Document pom = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(Path.of("pom.xml").toFile());
        String dl4j = pom.getElementsByTagName("dl4j.version").item(0).getTextContent().strip();
        String own = null;
        for (Node n = pom.getDocumentElement().getFirstChild(); n != null; n = n.getNextSibling()) {
            if ("version".equals(n.getNodeName())) {
                own = n.getTextContent().strip();   // the project's own, not a dependency's
            }
        }
        Provenance p = Provenance.of("k: 1\n");
        assertThat(p.latentlabVersion()).isEqualTo(own);
        assertThat(p.dl4jVersion()).isEqualTo(dl4j);
        assertThat(p.nd4jVersion()).isEqualTo(dl4j);
        assertThat(p.javaVersion()).isEqualTo(System.getProperty("java.version"));
        assertThat(p.backend()).isIn("cpu", "cuda");
        assertThat(p.gitCommit()).as("the build's git commit (a source archive has none)").matches("[0-9a-f]{40}|unknown");
    }

    @Test
    void configSha256IsTheHexDigestOfTheTextAndNullWithoutAConfig() {
        assertThat(Provenance.sha256("abc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(Provenance.of("abc").configSha256()).isEqualTo(Provenance.sha256("abc"));
        assertThat(Provenance.of("täsk: ü\n").configSha256()).as("of the UTF-8 bytes (sha256sum)")
                .isEqualTo("a504492333a8c514beea9b0c09d21e76365553290e7bee9968c8ab2d123f0a7d");
        assertThat(Provenance.of(null).configSha256()).isNull();
        assertThat(Provenance.of(null)).isEqualTo(Provenance.of(null));
    }

    @Test
    void writesSnakeCaseKeysAndReadsBack() throws Exception {
        Provenance p = Provenance.of("k: 1\n");
        JsonNode json = JSON.valueToTree(p);
        List<String> keys = new ArrayList<>();
        json.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactly("latentlab_version", "git_commit", "dl4j_version", "nd4j_version", "backend",
                "java_version", "config_sha256");
        assertThat(JSON.treeToValue(json, Provenance.class)).isEqualTo(p);
    }
}
