package dev.latentlab.report;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * Colour palettes as rows of swatches, one labelled row per palette, each colour a square (Java2D). Colours are
 * packed {@code 0xRRGGBB}; long palettes wrap onto several lines of {@code perLine} squares.
 */
public final class PaletteSwatches {
    private static final int SQUARE = 14;
    private static final int LABEL_WIDTH = 130;
    private static final int PAD = 4;

    private final int perLine;
    private final List<String> labels = new ArrayList<>();
    private final List<int[]> palettes = new ArrayList<>();

    public PaletteSwatches(int perLine) {
        if (perLine < 1) {
            throw new IllegalArgumentException("perLine " + perLine);
        }
        this.perLine = perLine;
    }

    /** A labelled palette of packed RGB colours. */
    public PaletteSwatches palette(String label, int[] rgb) {
        labels.add(label);
        palettes.add(rgb.clone());
        return this;
    }

    public BufferedImage toImage() {
        Headless.ensure();
        int width = LABEL_WIDTH + perLine * SQUARE + 2 * PAD;
        int height = PAD;
        for (int[] p : palettes) {
            height += lines(p) * SQUARE + PAD * 2;
        }
        BufferedImage out = new BufferedImage(width, Math.max(height, 1), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        int y = PAD;
        for (int i = 0; i < palettes.size(); i++) {
            int[] p = palettes.get(i);
            g.setColor(Color.DARK_GRAY);
            g.drawString(labels.get(i), PAD, y + SQUARE - 3);
            for (int c = 0; c < p.length; c++) {
                int x = LABEL_WIDTH + (c % perLine) * SQUARE;
                int yy = y + (c / perLine) * SQUARE;
                g.setColor(new Color(p[c]));
                g.fillRect(x, yy, SQUARE - 1, SQUARE - 1);
            }
            y += lines(p) * SQUARE + PAD * 2;
        }
        g.dispose();
        return out;
    }

    private int lines(int[] p) {
        return Math.max(1, (p.length + perLine - 1) / perLine);
    }
}
