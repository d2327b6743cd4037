package dev.latentlab.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latentlab.BadInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLocatorTest {
    @TempDir
    Path work;
    ConfigLocator locator;

    @BeforeEach
    void setUp() throws IOException {
        Files.createDirectories(work.resolve("configs"));
        Files.writeString(work.resolve("configs/vae_148.yaml"), "task: vae\n");
        Files.writeString(work.resolve("configs/old.yml"), "task: vae\n");
        Files.writeString(work.resolve("local.yaml"), "task: vae\n");
        locator = new ConfigLocator(work);
    }

    @Test
    void aFileInTheWorkingFolderIsUsedAsIs() throws IOException {
        assertThat(locator.locate("local.yaml")).isEqualTo(work.resolve("local.yaml"));
        assertThat(locator.locate("configs/vae_148.yaml")).isEqualTo(work.resolve("configs/vae_148.yaml"));
        Files.writeString(work.resolve("vae_148.yaml"), "task: vae\n");
        assertThat(locator.locate("vae_148.yaml")).isEqualTo(work.resolve("vae_148.yaml"));
    }

    @Test
    void aBareNameIsLookedUpInConfigs() {
        assertThat(locator.locate("vae_148.yaml")).isEqualTo(work.resolve("configs/vae_148.yaml"));
        assertThat(locator.locate("vae_148")).isEqualTo(work.resolve("configs/vae_148.yaml"));
        assertThat(locator.locate("old")).isEqualTo(work.resolve("configs/old.yml"));
    }

    @Test
    void notFoundIsReported() {
        assertThatThrownBy(() -> locator.locate("configs/nope.yaml")).isInstanceOf(BadInputException.class)
                .hasMessage("configs/nope.yaml: config file not found");
        assertThatThrownBy(() -> locator.locate("nope")).isInstanceOf(BadInputException.class)
                .hasMessage("nope: config file not found (looked in the working folder and configs/)");
    }

    @Test
    void theDefaultLocatorGivesPathsRelativeToTheWorkingFolder() {
        assertThatThrownBy(() -> new ConfigLocator().locate("configs/nope.yaml")).isInstanceOf(BadInputException.class)
                .hasMessage("configs/nope.yaml: config file not found");
    }
}
