package dev.latentlab.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * Scatter plots of colours in colour planes (both axes 0..255), each point drawn in its own colour, with centres
 * marked as black-ringed circles filled with their colour; panels side by side under one title (Java2D: XChart
 * cannot colour each point by its own RGB cheaply).
 *
 * <pre>{@code new ColourScatter("china.jpg, kmeans K=32").panel("R", "G", r, g, rgb, cr, cg, crgb).toImage();}</pre>
 */
public final class ColourScatter {
    private static final int SIZE = 300;
    private static final int MARGIN = 36;
    private static final int TITLE = 24;

    private record Panel(String xLabel, String yLabel, double[] x, double[] y, int[] rgb, double[] cx, double[] cy,
                         int[] centreRgb) {
    }

    private final String title;
    private final List<Panel> panels = new ArrayList<>();

    public ColourScatter(String title) {
        this.title = title;
    }

    /**
     * A panel: points {@code (x[i], y[i])} in colour {@code rgb[i]} (packed 0xRRGGBB) and centres {@code (cx, cy)}
     * in {@code centreRgb}; all coordinates on 0..255.
     */
    public ColourScatter panel(String xLabel, String yLabel, double[] x, double[] y, int[] rgb, double[] cx,
                               double[] cy, int[] centreRgb) {
        if (x.length != y.length || x.length != rgb.length || cx.length != cy.length || cx.length != centreRgb.length) {
            throw new IllegalArgumentException("point and colour arrays differ in length");
        }
        panels.add(new Panel(xLabel, yLabel, x, y, rgb, cx, cy, centreRgb));
        return this;
    }

    public BufferedImage toImage() {
        Headless.ensure();
        int cell = SIZE + 2 * MARGIN;
        BufferedImage out = new BufferedImage(Math.max(1, panels.size()) * cell, cell + TITLE, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
        g.setColor(Color.BLACK);
        g.drawString(title, MARGIN, 17);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        for (int p = 0; p < panels.size(); p++) {
            draw(g, panels.get(p), p * cell + MARGIN, TITLE + MARGIN / 2);
        }
        g.dispose();
        return out;
    }

    private static void draw(Graphics2D g, Panel p, int left, int top) {
        g.setColor(new Color(0xf4f4f4));
        g.fillRect(left, top, SIZE, SIZE);
        g.setColor(Color.GRAY);
        g.drawRect(left, top, SIZE, SIZE);
        for (int t = 0; t <= 255; t += 85) {
            int px = left + scale(t), py = top + SIZE - scale(t);
            g.drawString(Integer.toString(t), px - 6, top + SIZE + 13);
            g.drawString(Integer.toString(t), left - 24, py + 4);
        }
        g.setColor(Color.BLACK);
        g.drawString(p.xLabel(), left + SIZE / 2, top + SIZE + 28);
        g.drawString(p.yLabel(), left - 32, top + SIZE / 2);
        for (int i = 0; i < p.x().length; i++) {
            g.setColor(new Color(p.rgb()[i]));
            g.fillOval(left + scale(p.x()[i]) - 2, top + SIZE - scale(p.y()[i]) - 2, 4, 4);
        }
        g.setStroke(new BasicStroke(1.5f));
        for (int c = 0; c < p.cx().length; c++) {
            int x = left + scale(p.cx()[c]), y = top + SIZE - scale(p.cy()[c]);
            g.setColor(new Color(p.centreRgb()[c]));
            g.fillOval(x - 5, y - 5, 10, 10);
            g.setColor(Color.BLACK);
            g.drawOval(x - 5, y - 5, 10, 10);
        }
    }

    private static int scale(double v) {
        return (int) Math.round(Math.max(0, Math.min(255, v)) * SIZE / 255.0);
    }
}
