package dev.latentlab.data;

import dev.latentlab.store.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;

/**
 * The {@code .verified} marker the MNIST and Fashion-MNIST fetchers leave beside the four idx files: one line per
 * file, {@code <md5>  <size>  <name>}, written once the files passed their MD5 check.
 */
final class VerifiedMarker {
    /** The marker's file name. */
    static final String NAME = ".verified";

    private VerifiedMarker() {
    }

    /**
     * Moves the checked files ({@code staged}, in the same file system) into {@code dir} and then writes the marker
     * of their {@code sums}: the old marker goes first, so a crash in between leaves no marker to trust.
     */
    static void install(Path dir, Map<MnistFile, Path> staged, Map<MnistFile, String> sums) throws IOException {
        Files.deleteIfExists(dir.resolve(NAME));
        for (MnistFile f : MnistFile.values()) {
            Files.move(staged.get(f), dir.resolve(f.fileName()), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        }
        write(dir, sums);
    }

    /** Writes the marker of the four files in {@code dir} with their {@code sums}, atomically. */
    static void write(Path dir, Map<MnistFile, String> sums) throws IOException {
        StringBuilder text = new StringBuilder();
        for (MnistFile f : MnistFile.values()) {
            text.append(sums.get(f)).append("  ").append(Files.size(dir.resolve(f.fileName())))
                    .append("  ").append(f.fileName()).append('\n');
        }
        AtomicFiles.writeString(dir.resolve(NAME), text.toString());
    }

    /**
     * True when {@code dir} has a marker naming the expected MD5 of each file and each file has the size the marker
     * records. Reads no file contents.
     */
    static boolean holds(Path dir, Map<MnistFile, String> md5) {
        Path marker = dir.resolve(NAME);
        if (!Files.isRegularFile(marker)) {
            return false;
        }
        try {
            Map<String, String[]> lines = new HashMap<>();
            for (String line : Files.readAllLines(marker, StandardCharsets.UTF_8)) {
                String[] fields = line.trim().split("\\s+");
                if (fields.length == 3) {
                    lines.put(fields[2], fields);
                }
            }
            for (MnistFile f : MnistFile.values()) {
                String[] fields = lines.get(f.fileName());
                Path file = dir.resolve(f.fileName());
                if (fields == null || !fields[0].equals(md5.get(f)) || !Files.isRegularFile(file)
                        || Files.size(file) != Long.parseLong(fields[1])) {
                    return false;
                }
            }
            return true;
        } catch (IOException | NumberFormatException e) {
            return false;
        }
    }
}
