package dev.latentlab.config;

import dev.latentlab.BadInputException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Resolves a {@code --config} argument: a path to an existing file is used as is; a bare name that is not a
 * file in the working folder ({@code vae_148.yaml}, {@code vae_148}) is looked up in {@code configs/}, with
 * {@code .yaml} or {@code .yml} appended when it has no extension.
 */
public final class ConfigLocator {
    /** The folder, under the working folder, where bare config names are looked up. */
    public static final String CONFIGS_DIR = "configs";

    private final Path workDir;

    /** A locator for the process's working folder. */
    public ConfigLocator() {
        this(Path.of(""));
    }

    /** A locator relative to {@code workDir}. */
    public ConfigLocator(Path workDir) {
        this.workDir = workDir;
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
        throw new BadInputException(argument + ": config file not found (looked in the working folder and "
                + CONFIGS_DIR + "/)");
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
