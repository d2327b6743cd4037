package dev.latentlab.report;

import dev.latentlab.store.AtomicFiles;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Pictures stacked top to bottom, left-aligned on white with a gap between them, written as one PNG. */
public final class ImageStack {
    private ImageStack() {
    }

    /** The pictures, top to bottom, {@code gap} pixels apart and around. */
    public static BufferedImage vertical(List<BufferedImage> parts, int gap) {
        if (parts.isEmpty() || gap < 0) {
            throw new IllegalArgumentException(parts.size() + " pictures, gap " + gap);
        }
        int width = parts.stream().mapToInt(BufferedImage::getWidth).max().orElse(1) + 2 * gap;
        int height = parts.stream().mapToInt(BufferedImage::getHeight).sum() + (parts.size() + 1) * gap;
        Headless.ensure();
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            int y = gap;
            for (BufferedImage part : parts) {
                g.drawImage(part, gap, y, null);
                y += part.getHeight() + gap;
            }
        } finally {
            g.dispose();
        }
        return out;
    }

    /** Stacks the pictures and writes them as a PNG file, atomically. */
    public static Path writePng(Path file, List<BufferedImage> parts, int gap) throws IOException {
        AtomicFiles.writePng(file, vertical(parts, gap));
        return file;
    }
}
