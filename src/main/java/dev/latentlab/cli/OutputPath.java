package dev.latentlab.cli;

import dev.latentlab.BadInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The one check of an {@code --out} file or folder, run by every command that writes one before any work (before a
 * model or data is read). The rule for folders: missing folders on the way are created when the output is written
 * (none before), so the check only asks that the nearest folder that exists can be written in. Refused in one line
 * naming the option and value: a folder where a file is expected (and a file where a folder is), a path through a
 * file, a place that cannot be written, and, where the extension chooses the format, an unknown extension.
 */
final class OutputPath {
    /** The folder rule, said in the help of every {@code --out} option. */
    static final String FOLDERS = "Missing folders on its path are created.";

    private OutputPath() {
    }

    /** Checks an output file; with {@code extensions} (".csv", ...), its name must end in one of them (any case). */
    static Path file(String option, Path out, String... extensions) {
        String what = option + " " + out;
        if (extensions.length > 0 && extensionOf(out, extensions) == null) {
            throw new BadInputException(what + ": expected a file name ending in " + Choice.words(extensions));
        }
        if (Files.isDirectory(out)) {
            throw new BadInputException(what + ": is a folder; expected a file name");
        }
        writableFolder(what, out.toAbsolutePath().getParent());
        return out;
    }

    /** Checks an output folder: a folder or nothing yet (then created when written). */
    static Path folder(String option, Path out) {
        String what = option + " " + out;
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new BadInputException(what + ": is a file; expected a folder");
        }
        writableFolder(what, out.toAbsolutePath());
        return out;
    }

    /** The one of {@code extensions} that {@code out}'s name ends in, ignoring case, or null. */
    static String extensionOf(Path out, String... extensions) {
        String name = String.valueOf(out.getFileName()).toLowerCase(Locale.ROOT);
        for (String extension : extensions) {
            if (name.endsWith(extension) && name.length() > extension.length()) {
                return extension;
            }
        }
        return null;
    }

    /** Refuses unless the nearest existing folder of {@code dir} (itself, or a parent) is a folder we can write in. */
    private static void writableFolder(String what, Path dir) {
        Path existing = dir;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            throw new BadInputException(what + ": no folder of " + dir + " exists");
        }
        if (!Files.isDirectory(existing)) {
            throw new BadInputException(what + ": " + existing + " is a file, not a folder");
        }
        // a real write: Files.isWritable (access(2)) says yes to folders such as /proc where no file can be made
        try {
            Files.delete(Files.createTempFile(existing, ".latentlab-write-check-", ".tmp"));
        } catch (IOException | SecurityException e) {
            throw new BadInputException(what + ": cannot write in folder " + existing);
        }
    }
}
