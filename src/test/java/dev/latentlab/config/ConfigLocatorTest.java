package dev.latentlab.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latentlab.BadInputException;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
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
                .hasMessage("nope: config file not found (looked in the working folder, configs/ and the configs "
                        + "shipped in trainer.jar)");
    }

    @Test
    void theDefaultLocatorGivesPathsRelativeToTheWorkingFolder() {
        assertThatThrownBy(() -> new ConfigLocator().locate("configs/nope.yaml")).isInstanceOf(BadInputException.class)
                .hasMessage("configs/nope.yaml: config file not found");
    }

    @Test
    void aBareNameFoundNowhereElseIsTheConfigShippedInTheJar(@TempDir Path elsewhere) throws IOException {
        Path jar = elsewhere.resolve("trainer.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("configs/shipped.yaml"));
            out.write("task: quantize\n".getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        Path empty = Files.createDirectories(elsewhere.resolve("work"));
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            ConfigLocator inJar = new ConfigLocator(empty, loader);
            for (String name : new String[] {"shipped.yaml", "shipped"}) {
                Path found = inJar.locate(name);
                assertThat(found.getFileSystem().provider().getScheme()).isEqualTo("jar");
                assertThat(found).hasToString("configs/shipped.yaml");
                assertThat(ConfigLoader.load(found).task()).isEqualTo("quantize");
                assertThat(ConfigLoader.load(found).baseName()).isEqualTo("shipped");
            }
            assertThatThrownBy(() -> inJar.locate("other/shipped.yaml")).isInstanceOf(BadInputException.class)
                    .hasMessage("other/shipped.yaml: config file not found");
            assertThatThrownBy(() -> inJar.locate("..")).isInstanceOf(BadInputException.class);
            // the working folder and its configs/ still come first
            Files.createDirectories(empty.resolve("configs"));
            Files.writeString(empty.resolve("configs/shipped.yaml"), "task: vae\n");
            assertThat(inJar.locate("shipped")).isEqualTo(empty.resolve("configs/shipped.yaml"));
        }
    }

    @Test
    void everyRepositoryConfigShipsOnTheClassPath(@TempDir Path elsewhere) throws IOException {
        ConfigLocator away = new ConfigLocator(elsewhere);
        try (var configs = Files.list(Path.of("configs"))) {
            for (Path config : configs.filter(p -> p.toString().endsWith(".yaml")).toList()) {
                Path shipped = away.locate(config.getFileName().toString());
                assertThat(shipped).isNotEqualTo(config);
                assertThat(Files.readString(shipped)).isEqualTo(Files.readString(config));
            }
        }
    }
}
