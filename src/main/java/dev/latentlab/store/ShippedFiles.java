package dev.latentlab.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The small inputs that shipped configs name ({@code configs/images/…}, {@code configs/samples/…}), found in
 * trainer.jar when the working folder has no such file: so that {@code --config quantize_quick} runs from any
 * folder as it does from the repository. A path under {@code configs/} that is missing from the working folder is
 * extracted once per process from the class path into a temporary folder (deleted when the process ends); every
 * other path is returned as it is. The config and the run folder keep the name as written.
 */
public final class ShippedFiles {
    /** The folder of the repository (and of the jar's resources) that shipped configs and their inputs live in. */
    public static final String SHIPPED_DIR = "configs";

    private static final Map<String, Path> EXTRACTED = new ConcurrentHashMap<>();

    private ShippedFiles() {
    }

    /** {@code file}, or the shipped copy of it when it is a missing relative path under {@code configs/}. */
    public static Path resolve(Path file) {
        if (file.isAbsolute() || Files.exists(file) || file.getNameCount() < 2
                || !file.getName(0).toString().equals(SHIPPED_DIR) || file.normalize().startsWith("..")) {
            return file;
        }
        String resource = file.normalize().toString().replace(file.getFileSystem().getSeparator(), "/");
        if (ShippedFiles.class.getClassLoader().getResource(resource) == null) {
            return file;
        }
        return EXTRACTED.computeIfAbsent(resource, ShippedFiles::extract);
    }

    private static Path extract(String resource) {
        try (InputStream in = ShippedFiles.class.getClassLoader().getResourceAsStream(resource)) {
            Path dir = Files.createTempDirectory("latentlab-shipped");
            Path copy = dir.resolve(Path.of(resource).getFileName());
            Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
            copy.toFile().deleteOnExit();
            dir.toFile().deleteOnExit();
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extract " + resource + " from trainer.jar", e);
        }
    }
}
