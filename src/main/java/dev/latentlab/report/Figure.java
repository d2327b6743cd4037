package dev.latentlab.report;

import dev.latentlab.store.AtomicFiles;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;

/** A figure of a report: rendered in memory, written as a PNG file atomically. */
public interface Figure {
    /** Renders the figure. */
    BufferedImage toImage();

    /** Renders the figure and writes it as a PNG file, atomically; returns {@code file}. */
    default Path writePng(Path file) throws IOException {
        AtomicFiles.writePng(file, toImage());
        return file;
    }
}
