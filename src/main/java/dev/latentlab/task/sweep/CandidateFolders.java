package dev.latentlab.task.sweep;

import dev.latentlab.store.ModelFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The folders one candidate leaves in the sweep folder: its run folders ({@code candidates/<stamp>-<name>[-n]})
 * and its model files ({@code models/<name>}, its lock, checkpoint and the temporary siblings of a save). Cleared
 * before a retried attempt, so that an attempt whose machine died leaves no half-written folder behind.
 */
public final class CandidateFolders {
    private CandidateFolders() {
    }

    /** The run folders of candidate {@code name} under {@code runsDir}, oldest first. */
    public static List<Path> runFolders(Path runsDir, String name) throws IOException {
        if (!Files.isDirectory(runsDir)) {
            return List.of();
        }
        Pattern folder = Pattern.compile("\\d{8}-\\d{6}-" + Pattern.quote(name) + "(-\\d+)?");
        try (Stream<Path> dirs = Files.list(runsDir)) {
            return dirs.filter(Files::isDirectory).filter(d -> folder.matcher(d.getFileName().toString()).matches())
                    .sorted(Comparator.comparing(d -> d.getFileName().toString())).toList();
        }
    }

    /** The newest run folder of candidate {@code name}, if it has one. */
    public static Optional<Path> newest(Path runsDir, String name) throws IOException {
        List<Path> all = runFolders(runsDir, name);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    /** Deletes every run folder and model file of candidate {@code name}. */
    public static void clear(Path runsDir, Path modelsDir, String name) throws IOException {
        for (Path d : runFolders(runsDir, name)) {
            ModelFolder.deleteTree(d);
        }
        if (!Files.isDirectory(modelsDir)) {
            return;
        }
        List<Path> models;
        try (Stream<Path> entries = Files.list(modelsDir)) {
            models = entries.filter(p -> ownedBy(p.getFileName().toString(), name)).toList();
        }
        for (Path p : models) {
            ModelFolder.deleteTree(p);
        }
    }

    private static boolean ownedBy(String file, String name) {
        return file.equals(name) || file.equals(name + ".lock") || file.equals(name + ".checkpoint")
                || file.startsWith("." + name + ".new-") || file.startsWith("." + name + ".old-");
    }
}
