package dev.latentlab.config;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latentlab.BadInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A vae_gmm config file in a test's folder: its YAML after {@code task: vae_gmm}, bound or refused in one line. */
final class VaeGmmYaml {
    private final Path file;

    VaeGmmYaml(Path file) {
        this.file = file;
    }

    /** Writes {@code yaml} after the task line and binds it. */
    VaeGmmConfig bind(String yaml) throws IOException {
        return ConfigLoader.load(write(yaml)).bind(VaeGmmConfig.class);
    }

    /** Writes {@code yaml} after the task line; binding it must fail with {@code "<file>: " + message}. */
    void assertRefused(String yaml, String message) throws IOException {
        Path written = write(yaml);
        assertThatThrownBy(() -> ConfigLoader.load(written).bind(VaeGmmConfig.class))
                .isInstanceOf(BadInputException.class).hasMessage(written + ": " + message);
    }

    private Path write(String yaml) throws IOException {
        return Files.writeString(file, "task: vae_gmm\n" + yaml);
    }
}
