package dev.latentlab.report;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * A figure of colour pictures in labelled rows and titled columns (Java2D; {@link ImageGrid} is greyscale only).
 * Every cell is scaled to {@code cellWidth} pixels wide (aspect kept, bilinear), a row label on the left.
 *
 * <pre>{@code BufferedImage fig = new RgbGrid(240).columns(List.of("K=16", "K=32")).row("kmeans", images).toImage();}</pre>
 */
public final class RgbGrid {
    private static final int PAD = 6;
    private static final int LABEL_WIDTH = 110;
    private static final int TITLE_HEIGHT = 18;

    private final int cellWidth;
    private List<String> columns = List.of();
    private final List<String> labels = new ArrayList<>();
    private final List<List<BufferedImage>> rows = new ArrayList<>();

    public RgbGrid(int cellWidth) {
        if (cellWidth < 1) {
            throw new IllegalArgumentException("cellWidth " + cellWidth);
        }
        this.cellWidth = cellWidth;
    }

    /** Column titles drawn above the first row. */
    public RgbGrid columns(List<String> titles) {
        this.columns = List.copyOf(titles);
        return this;
    }

    /** A row of pictures (a null cell stays blank). */
    public RgbGrid row(String label, List<BufferedImage> images) {
        labels.add(label);
        rows.add(new ArrayList<>(images));
        return this;
    }

    public BufferedImage toImage() {
        Headless.ensure();
        int cols = columns.size();
        int cellHeight = 1;
        for (List<BufferedImage> row : rows) {
            cols = Math.max(cols, row.size());
            for (BufferedImage img : row) {
                if (img != null) {
                    cellHeight = Math.max(cellHeight, scaledHeight(img));
                }
            }
        }
        int width = LABEL_WIDTH + cols * (cellWidth + PAD) + PAD;
        int height = TITLE_HEIGHT + rows.size() * (cellHeight + PAD) + PAD;
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.DARK_GRAY);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        for (int c = 0; c < columns.size(); c++) {
            g.drawString(columns.get(c), LABEL_WIDTH + c * (cellWidth + PAD) + PAD, TITLE_HEIGHT - 5);
        }
        for (int r = 0; r < rows.size(); r++) {
            int y = TITLE_HEIGHT + r * (cellHeight + PAD);
            g.setColor(Color.DARK_GRAY);
            g.drawString(labels.get(r), PAD, y + cellHeight / 2 + 5);
            List<BufferedImage> row = rows.get(r);
            for (int c = 0; c < row.size(); c++) {
                BufferedImage img = row.get(c);
                if (img != null) {
                    g.drawImage(img, LABEL_WIDTH + c * (cellWidth + PAD) + PAD, y, cellWidth, scaledHeight(img), null);
                }
            }
        }
        g.dispose();
        return out;
    }

    private int scaledHeight(BufferedImage img) {
        return Math.max(1, (int) Math.round(img.getHeight() * (double) cellWidth / img.getWidth()));
    }
}
