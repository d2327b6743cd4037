package dev.latentlab.data;

import java.nio.file.Path;

/** The folder a relative input path was looked for in, for messages: " (looked in /abs/working/folder)". */
final class InputFolder {
    private InputFolder() {
    }

    /** "" for an absolute path; otherwise where the relative {@code file} was resolved against. */
    static String of(Path file) {
        return file.isAbsolute() ? "" : " (looked in " + Path.of("").toAbsolutePath() + ")";
    }
}
