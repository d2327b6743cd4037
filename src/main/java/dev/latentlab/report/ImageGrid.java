package dev.latentlab.report;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * Greyscale images (float[] in [0,1] or byte[] 0..255, row-major, all {@code cellHeight x cellWidth}) laid out
 * in rows and columns in one PNG: upscaled by an integer factor (nearest neighbour), separated by padding, with
 * optional row labels on the left and column titles on top. A {@code null} cell stays blank. Used for centroid
 * atlases, originals vs reconstructions and patch pairs.
 *
 * <pre>{@code ImageGrid.builder(28, 28).upscale(2).columnTitles(digits).row("K=100", recon).build().writePng(run.resolve("recon.png"));}</pre>
 */
public final class ImageGrid implements Figure {
    private static final Color BACKGROUND = Color.WHITE;
    private static final Color TEXT = Color.BLACK;

    private final Builder spec;

    private ImageGrid(Builder spec) {
        this.spec = spec;
    }

    /** A new grid of cells of {@code cellHeight x cellWidth} source pixels. */
    public static Builder builder(int cellHeight, int cellWidth) {
        return new Builder(cellHeight, cellWidth);
    }

    /** Sets out a grid; rows are added in order, columns are the cells of each row. */
    public static final class Builder {
        private final int cellHeight;
        private final int cellWidth;
        private int upscale = 1;
        private int padding = 2;
        private boolean normalize;
        private int fontSize = 12;
        private List<String> columnTitles = List.of();
        private final List<String> rowLabels = new ArrayList<>();
        private final List<List<float[]>> rows = new ArrayList<>();

        private Builder(int cellHeight, int cellWidth) {
            if (cellHeight <= 0 || cellWidth <= 0) {
                throw new IllegalArgumentException("cell size " + cellHeight + "x" + cellWidth + " must be positive");
            }
            this.cellHeight = cellHeight;
            this.cellWidth = cellWidth;
        }

        /** Each source pixel becomes {@code factor x factor} pixels (default 1). */
        public Builder upscale(int factor) {
            this.upscale = Sizes.atLeast("upscale factor", factor, 1);
            return this;
        }

        /** Pixels between cells and around the grid (default 2). */
        public Builder padding(int pixels) {
            this.padding = Sizes.atLeast("padding", pixels, 0);
            return this;
        }

        /** Stretches each cell's own min..max to black..white (e.g. a centroid atlas); constant cells are kept. */
        public Builder normalizeEachCell(boolean normalize) {
            this.normalize = normalize;
            return this;
        }

        /** Font size in pixels of labels and titles (default 12). */
        public Builder fontSize(int pixels) {
            this.fontSize = Sizes.atLeast("font size", pixels, 1);
            return this;
        }

        /** Titles drawn above the columns, left to right. */
        public Builder columnTitles(List<String> titles) {
            this.columnTitles = List.copyOf(titles);
            return this;
        }

        /** Adds an unlabelled row of images with values in [0,1] (clamped). */
        public Builder row(List<float[]> images) {
            return row(null, images);
        }

        /** Adds a row labelled on the left ({@code label} may be null) of images with values in [0,1]. */
        public Builder row(String label, List<float[]> images) {
            List<float[]> checked = new ArrayList<>(images.size());
            for (float[] image : images) {
                if (image != null && image.length != cellHeight * cellWidth) {
                    throw new IllegalArgumentException("image of " + image.length + " values in row "
                            + rows.size() + ", expected " + cellHeight + "x" + cellWidth);
                }
                checked.add(image);
            }
            rows.add(checked);
            rowLabels.add(label);
            return this;
        }

        /** Adds a labelled row of images with unsigned byte values 0..255. */
        public Builder rowOfBytes(String label, List<byte[]> images) {
            List<float[]> floats = new ArrayList<>(images.size());
            for (byte[] image : images) {
                floats.add(image == null ? null : toUnit(image));
            }
            return row(label, floats);
        }

        /** Adds {@code images} as rows of {@code columns} cells (the last row may be shorter). */
        public Builder cells(List<float[]> images, int columns) {
            Sizes.atLeast("columns", columns, 1);
            for (int i = 0; i < images.size(); i += columns) {
                row(images.subList(i, Math.min(images.size(), i + columns)));
            }
            return this;
        }

        /** Adds {@code images} in a near-square grid of ceil(sqrt(n)) columns (a centroid atlas). */
        public Builder square(List<float[]> images) {
            return cells(images, Math.max(1, (int) Math.ceil(Math.sqrt(images.size()))));
        }

        public ImageGrid build() {
            if (rows.isEmpty()) {
                throw new IllegalStateException("image grid has no rows");
            }
            return new ImageGrid(copy());
        }

        /** A snapshot, so that later calls on this builder do not change a built grid. */
        private Builder copy() {
            Builder b = new Builder(cellHeight, cellWidth);
            b.upscale = upscale;
            b.padding = padding;
            b.normalize = normalize;
            b.fontSize = fontSize;
            b.columnTitles = columnTitles;
            b.rowLabels.addAll(rowLabels);
            b.rows.addAll(rows); // each row list is private to this builder and never changed
            return b;
        }

        private static float[] toUnit(byte[] image) {
            float[] out = new float[image.length];
            for (int i = 0; i < image.length; i++) {
                out[i] = (image[i] & 0xFF) / 255f;
            }
            return out;
        }
    }

    /** Renders the grid (RGB, white background). */
    @Override
    public BufferedImage toImage() {
        Headless.ensure();
        Builder s = spec;
        int columns = Math.max(s.columnTitles.size(), s.rows.stream().mapToInt(List::size).max().orElse(0));
        int cellW = s.cellWidth * s.upscale;
        int cellH = s.cellHeight * s.upscale;
        Font font = new Font(Font.SANS_SERIF, Font.PLAIN, s.fontSize);
        FontMetrics fm = TextMetrics.of(font);
        boolean hasLabels = s.rowLabels.stream().anyMatch(l -> l != null && !l.isEmpty());
        int left = hasLabels ? s.rowLabels.stream().mapToInt(l -> l == null ? 0 : fm.stringWidth(l)).max().orElse(0)
                + Math.max(s.padding, 4) : 0;
        int top = s.columnTitles.isEmpty() ? 0 : fm.getHeight() + Math.max(s.padding, 2);
        int width = left + columns * cellW + (columns + 1) * s.padding;
        int height = top + s.rows.size() * cellH + (s.rows.size() + 1) * s.padding;

        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(BACKGROUND);
            g.fillRect(0, 0, width, height);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setFont(font);
            g.setColor(TEXT);
            for (int c = 0; c < s.columnTitles.size(); c++) {
                String title = s.columnTitles.get(c);
                if (title != null) {
                    int x0 = left + s.padding + c * (cellW + s.padding);
                    g.drawString(title, x0 + (cellW - fm.stringWidth(title)) / 2, s.padding + fm.getAscent());
                }
            }
            for (int r = 0; r < s.rows.size(); r++) {
                int y0 = top + s.padding + r * (cellH + s.padding);
                String label = s.rowLabels.get(r);
                if (label != null) {
                    g.drawString(label, 2, y0 + (cellH - fm.getHeight()) / 2 + fm.getAscent());
                }
                List<float[]> row = s.rows.get(r);
                for (int c = 0; c < row.size(); c++) {
                    if (row.get(c) != null) {
                        int x0 = left + s.padding + c * (cellW + s.padding);
                        paintCell(image, row.get(c), x0, y0);
                    }
                }
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    private void paintCell(BufferedImage image, float[] values, int x0, int y0) {
        Builder s = spec;
        float lo = 0f;
        float scale = 1f;
        if (s.normalize) {
            float min = Float.POSITIVE_INFINITY;
            float max = Float.NEGATIVE_INFINITY;
            for (float v : values) {
                if (!Float.isNaN(v)) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
            if (max > min) {
                lo = min;
                scale = 1f / (max - min);
            }
        }
        for (int y = 0; y < s.cellHeight; y++) {
            for (int x = 0; x < s.cellWidth; x++) {
                float v = (values[y * s.cellWidth + x] - lo) * scale;
                int grey = Float.isNaN(v) ? 0 : Math.round(Math.max(0f, Math.min(1f, v)) * 255f);
                int rgb = (grey << 16) | (grey << 8) | grey;
                for (int dy = 0; dy < s.upscale; dy++) {
                    for (int dx = 0; dx < s.upscale; dx++) {
                        image.setRGB(x0 + x * s.upscale + dx, y0 + y * s.upscale + dy, rgb);
                    }
                }
            }
        }
    }
}
