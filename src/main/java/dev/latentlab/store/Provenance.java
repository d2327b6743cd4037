package dev.latentlab.store;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Properties;
import java.util.jar.Manifest;
import org.nd4j.linalg.factory.Nd4j;

/**
 * What produced a run or a model, as written into every {@code summary.json} and model sidecar under
 * {@code "provenance"}: latentlab's version and git commit (trainer.jar's manifest, else the build's
 * {@code build.properties}), the DL4J and ND4J versions of the jars on the class path (their Maven
 * {@code pom.properties}), ND4J's backend ({@code cpu}, {@code cuda}), the Java version and the SHA-256 of the resolved
 * config's text. A value that cannot be found is {@code "unknown"}.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Provenance(String latentlabVersion,
                         String gitCommit,
                         String dl4jVersion,
                         String nd4jVersion,
                         String backend,
                         String javaVersion,
                         String configSha256) {
    static final String UNKNOWN = "unknown";
    static final String BUILD_PROPERTIES = "dev/latentlab/store/build.properties";
    static final String GIT_COMMIT_ATTRIBUTE = "Git-Commit";
    static final String DL4J_POM = "META-INF/maven/org.deeplearning4j/deeplearning4j-nn/pom.properties";
    static final String ND4J_POM = "META-INF/maven/org.nd4j/nd4j-api/pom.properties";

    /**
     * The provenance of work done now on {@code resolvedConfigYaml} (the exact text of the run's {@code config.yaml};
     * null: no config, {@code config_sha256} null). Loads ND4J's backend if nothing has yet.
     */
    public static Provenance of(String resolvedConfigYaml) {
        Provenance p = ThisProcess.PROVENANCE;
        return new Provenance(p.latentlabVersion, p.gitCommit, p.dl4jVersion, p.nd4jVersion, p.backend,
                p.javaVersion, resolvedConfigYaml == null ? null : sha256(resolvedConfigYaml));
    }

    /** The lower-case hex SHA-256 of {@code text}'s UTF-8 bytes. */
    public static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java has no SHA-256", e);
        }
    }

    /** The parts that are the same for the whole process, read once. */
    private static final class ThisProcess {
        static final Provenance PROVENANCE = read();

        private static Provenance read() {
            Properties build = properties(BUILD_PROPERTIES);
            Manifest manifest = ownManifest();
            String version = Provenance.class.getPackage().getImplementationVersion();
            String commit = manifest == null ? null : manifest.getMainAttributes().getValue(GIT_COMMIT_ATTRIBUTE);
            return new Provenance(known(version != null ? version : build.getProperty("version")),
                    known(commit != null ? commit : build.getProperty("commit")),
                    known(properties(DL4J_POM).getProperty("version")), known(properties(ND4J_POM).getProperty("version")),
                    Nd4j.getEnvironment().isCPU() ? "cpu" : "cuda", System.getProperty("java.version"), null);
        }

        /** The manifest of the jar this class was loaded from; null when it comes from a folder (target/classes). */
        private static Manifest ownManifest() {
            URL self = Provenance.class.getResource(Provenance.class.getSimpleName() + ".class");
            if (self == null || !"jar".equals(self.getProtocol())) {
                return null;
            }
            try {
                return ((JarURLConnection) self.openConnection()).getManifest();
            } catch (IOException e) {
                return null;
            }
        }

        /** A properties resource of the class path; empty when there is none or it cannot be read. */
        private static Properties properties(String resource) {
            Properties p = new Properties();
            try (InputStream in = Provenance.class.getClassLoader().getResourceAsStream(resource)) {
                if (in != null) {
                    p.load(in);
                }
            } catch (IOException e) {
                return new Properties();
            }
            return p;
        }

        /** {@code value}, or "unknown" for none or an unfilled build placeholder ({@code ${...}}). */
        private static String known(String value) {
            return value == null || value.isBlank() || value.startsWith("${") ? UNKNOWN : value.strip();
        }
    }
}
