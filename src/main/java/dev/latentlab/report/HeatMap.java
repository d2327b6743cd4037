package dev.latentlab.report;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Locale;

/**
 * A heat map of signed values laid out in a grid of cells (Java2D): each cell is filled on a diverging scale,
 * blue for negative through white at zero to red for positive, symmetric around zero; a colour bar shows the
 * range. A cell may carry a small greyscale picture (e.g. the dictionary atom the value weights, values in [0,1])
 * and non-zero cells their value. Values beyond the grid are not drawn; cells beyond the values stay grey.
 *
 * <pre>{@code HeatMap.of(code, 8).title("code of patch 17").pictures(atoms, 5, 5).toImage();}</pre>
 */
public final class HeatMap implements Figure {
    private static final int PAD = 8;
    private static final Color EMPTY = new Color(0xEEEEEE);
    private static final Color NEGATIVE = new Color(0x2166AC);
    private static final Color POSITIVE = new Color(0xB2182B);

    private final float[] values;
    private final int columns;
    private String title = "";
    private int cell = 48;
    private List<float[]> pictures;
    private int pictureHeight;
    private int pictureWidth;

    private HeatMap(float[] values, int columns) {
        this.values = values.clone();
        this.columns = columns;
    }

    /** The values in rows of {@code columns} cells, row-major. */
    public static HeatMap of(float[] values, int columns) {
        if (values.length == 0 || columns < 1) {
            throw new IllegalArgumentException(values.length + " values in " + columns + " columns");
        }
        return new HeatMap(values, columns);
    }

    /** A title drawn above the grid; '\n' starts a new line. */
    public HeatMap title(String text) {
        this.title = text == null ? "" : text;
        return this;
    }

    /** Cell side in pixels (default 48). */
    public HeatMap cellSize(int pixels) {
        this.cell = Sizes.atLeast("cell size", pixels, 8);
        return this;
    }

    /** One greyscale picture ({@code height x width}, values in [0,1]) drawn inside each cell, in value order. */
    public HeatMap pictures(List<float[]> images, int height, int width) {
        if (images.size() != values.length) {
            throw new IllegalArgumentException(images.size() + " pictures for " + values.length + " values");
        }
        for (float[] image : images) {
            if (image.length != height * width) {
                throw new IllegalArgumentException("picture of " + image.length + " values, expected " + height + "x" + width);
            }
        }
        this.pictures = List.copyOf(images);
        this.pictureHeight = height;
        this.pictureWidth = width;
        return this;
    }

    /** The colour of {@code value} on a scale from {@code -max} (blue) through 0 (white) to {@code max} (red). */
    static Color colour(float value, float max) {
        if (!(max > 0) || value == 0 || Float.isNaN(value)) {
            return Color.WHITE;
        }
        float t = Math.min(1f, Math.abs(value) / max);
        Color end = value < 0 ? NEGATIVE : POSITIVE;
        return new Color(mix(255, end.getRed(), t), mix(255, end.getGreen(), t), mix(255, end.getBlue(), t));
    }

    private static int mix(int from, int to, float t) {
        return Math.round(from + (to - from) * t);
    }

    /** Renders the heat map. */
    @Override
    public BufferedImage toImage() {
        Headless.ensure();
        int rows = (values.length + columns - 1) / columns;
        float max = 0;
        for (float v : values) {
            if (Float.isFinite(v)) {
                max = Math.max(max, Math.abs(v));
            }
        }
        Font font = new Font(Font.SANS_SERIF, Font.PLAIN, 10);
        Font titleFont = new Font(Font.SANS_SERIF, Font.BOLD, 13);
        String[] titleLines = title.isEmpty() ? new String[0] : title.split("\n");
        FontMetrics titleMetrics = TextMetrics.of(titleFont);
        int titleHeight = titleLines.length * titleMetrics.getHeight() + (titleLines.length > 0 ? 4 : 0);
        int titleWidth = 0;
        for (String line : titleLines) {
            titleWidth = Math.max(titleWidth, titleMetrics.stringWidth(line));
        }
        int barHeight = 42;
        int width = Math.max(2 * PAD + Math.max(columns * cell, titleWidth), 320);
        int height = titleHeight + PAD + rows * cell + PAD + barHeight;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.setColor(Color.BLACK);
            g.setFont(titleFont);
            for (int i = 0; i < titleLines.length; i++) {
                g.drawString(titleLines[i], PAD, 2 + i * titleMetrics.getHeight() + titleMetrics.getAscent());
            }
            g.setFont(font);
            FontMetrics fm = g.getFontMetrics();
            int top = titleHeight + PAD;
            for (int i = 0; i < rows * columns; i++) {
                int x0 = PAD + (i % columns) * cell;
                int y0 = top + (i / columns) * cell;
                g.setColor(i < values.length ? colour(values[i], max) : EMPTY);
                g.fillRect(x0, y0, cell, cell);
                g.setColor(Color.LIGHT_GRAY);
                g.drawRect(x0, y0, cell, cell);
                if (i >= values.length) {
                    continue;
                }
                if (pictures != null) {
                    drawPicture(image, pictures.get(i), x0, y0);
                }
                if (values[i] != 0) {
                    String text = number(values[i]);
                    g.setColor(Color.BLACK);
                    g.drawString(text, x0 + (cell - fm.stringWidth(text)) / 2, y0 + cell - 3);
                }
            }
            drawBar(g, fm, max, PAD, top + rows * cell + PAD, width - 2 * PAD);
        } finally {
            g.dispose();
        }
        return image;
    }

    /** The picture scaled to about 60% of the cell, centred horizontally, above the value text. */
    private void drawPicture(BufferedImage image, float[] picture, int x0, int y0) {
        int scale = Math.max(1, (int) (cell * 0.6) / Math.max(pictureHeight, pictureWidth));
        int px = x0 + (cell - pictureWidth * scale) / 2;
        int py = y0 + 3;
        for (int y = 0; y < pictureHeight; y++) {
            for (int x = 0; x < pictureWidth; x++) {
                float v = picture[y * pictureWidth + x];
                int grey = Float.isNaN(v) ? 0 : Math.round(Math.max(0f, Math.min(1f, v)) * 255f);
                int rgb = (grey << 16) | (grey << 8) | grey;
                for (int dy = 0; dy < scale; dy++) {
                    for (int dx = 0; dx < scale; dx++) {
                        image.setRGB(px + x * scale + dx, py + y * scale + dy, rgb);
                    }
                }
            }
        }
    }

    /** Three significant digits, without an exponent below a million. */
    static String number(float v) {
        return Math.abs(v) >= 100 && Math.abs(v) < 1e6 ? String.format(Locale.ROOT, "%.0f", v)
                : String.format(Locale.ROOT, "%.3g", v);
    }

    private static void drawBar(Graphics2D g, FontMetrics fm, float max, int x0, int y0, int width) {
        int h = 14;
        for (int x = 0; x < width; x++) {
            float v = max * (2f * x / Math.max(1, width - 1) - 1f);
            g.setColor(colour(v, max));
            g.drawLine(x0 + x, y0, x0 + x, y0 + h);
        }
        g.setColor(Color.GRAY);
        g.drawRect(x0, y0, width, h);
        g.setColor(Color.BLACK);
        String lo = number(-max);
        String hi = number(max);
        int baseline = y0 + h + fm.getAscent() + 2;
        g.drawString(lo, x0, baseline);
        g.drawString("0", x0 + (width - fm.stringWidth("0")) / 2, baseline);
        g.drawString(hi, x0 + width - fm.stringWidth(hi), baseline);
    }
}
