package dev.latentlab.config;

import dev.latentlab.BadInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Resolves a {@code --config} argument: a path to an existing file is used as is; a bare name that is not a
 * file in the working folder ({@code vae_148.yaml}, {@code vae_148}) is looked up in {@code configs/}, then
 * among the configs shipped inside trainer.jar (the repository's {@code configs/*.yaml}, packaged as resources
 * under {@code configs/}), with {@code .yaml} or {@code .yml} appended when it has no extension. A shipped
 * config is returned as a path inside the jar's file system (readable with {@link Files}); what it names
 * (data/, runs/, models/) stays relative to the working folder.
 */
public final class ConfigLocator {
    /** The folder, under the working folder and inside the jar, where bare config names are looked up. */
    public static final String CONFIGS_DIR = "configs";

    private final Path workDir;
    private final ClassLoader shipped;

    /** A locator for the process's working folder and the configs shipped with this class. */
    public ConfigLocator() {
        this(Path.of(""));
    }

    /** A locator relative to {@code workDir}, falling back to the configs shipped with this class. */
    public ConfigLocator(Path workDir) {
        this(workDir, ConfigLocator.class.getClassLoader());
    }

    /** A locator relative to {@code workDir}, falling back to the {@code configs/} resources of {@code shipped}. */
    public ConfigLocator(Path workDir, ClassLoader shipped) {
        this.workDir = workDir;
        this.shipped = shipped;
    }

    /** The config file {@code argument} names; not finding one is a {@link BadInputException}. */
    public Path locate(String argument) {
        Path given;
        try {
            given = Path.of(argument);
        } catch (InvalidPathException e) {
            throw new BadInputException(argument + ": not a valid file name", e);
        }
        Path direct = workDir.resolve(given);
        if (Files.isRegularFile(direct)) {
            return direct;
        }
        if (given.isAbsolute() || given.getParent() != null || argument.isBlank()) {
            throw new BadInputException(argument + ": config file not found");
        }
        for (String name : candidates(argument)) {
            Path inConfigs = workDir.resolve(CONFIGS_DIR).resolve(name);
            if (Files.isRegularFile(inConfigs)) {
                return inConfigs;
            }
        }
        for (String name : candidates(argument)) {
            Optional<Path> inJar = shippedConfig(name);
            if (inJar.isPresent()) {
                return inJar.get();
            }
        }
        throw new BadInputException(argument + ": config file not found (looked in the working folder, "
                + CONFIGS_DIR + "/ and the configs shipped in trainer.jar)");
    }

    /** The resource {@code configs/<name>} as a readable path, when there is such a file. */
    private Optional<Path> shippedConfig(String name) {
        if (name.equals(".") || name.equals("..")) {
            return Optional.empty();
        }
        URL url = shipped.getResource(CONFIGS_DIR + "/" + name);
        if (url == null) {
            return Optional.empty();
        }
        Path path;
        try {
            path = pathOf(url.toURI());
        } catch (URISyntaxException | IllegalArgumentException | FileSystemNotFoundException e) {
            return Optional.empty();   // a resource we cannot read as a file (another kind of class loader)
        }
        return Files.isRegularFile(path) ? Optional.of(path) : Optional.empty();
    }

    /**
     * A {@code file:} URI as is; a {@code jar:} URI inside the jar's zip file system (opened once and kept open),
     * relative to its root so that messages name it {@code configs/x.yaml} as in the repository.
     */
    private static Path pathOf(URI uri) {
        if (!"jar".equals(uri.getScheme())) {
            return Path.of(uri);
        }
        try {
            FileSystems.newFileSystem(uri, Map.of());
        } catch (FileSystemAlreadyExistsException e) {
            // opened by an earlier lookup: Path.of finds it
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + uri, e);
        }
        Path inJar = Path.of(uri);
        return inJar.getRoot().relativize(inJar);
    }

    private static List<String> candidates(String name) {
        List<String> names = new ArrayList<>(List.of(name));
        if (!name.endsWith(".yaml") && !name.endsWith(".yml")) {
            names.add(name + ".yaml");
            names.add(name + ".yml");
        }
        return names;
    }
}
