package dev.latentlab.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A line chart (XChart) written as PNG: one or more named series, optional log axes, markers, and an optional
 * highlighted point with a label (e.g. the elbow of an MSE-vs-K curve). 900x600, white background, legend only
 * with more than one series.
 *
 * <pre>{@code LinePlot.titled("MSE vs K").axes("K", "MSE").logX().series("test", ks, mse).highlight(2000, 0.011, "elbow K=2000").writePng(run.resolve("mse_vs_k.png"));}</pre>
 */
public final class LinePlot extends TitledChart<LinePlot> {
    private static final Color HIGHLIGHT = new Color(0xD62728);

    private record Series(String name, double[] x, double[] y, Color colour, boolean dashed) {
    }

    private record Highlight(double x, double y, String label) {
    }

    private int width = 900;
    private int height = 600;
    private boolean logX;
    private boolean logY;
    private boolean markers = true;
    private final List<Series> series = new ArrayList<>();
    private Highlight highlight;

    private LinePlot(String title) {
        super(title);
    }

    /** A new plot with this title. */
    public static LinePlot titled(String title) {
        return new LinePlot(title);
    }

    /** Image size in pixels (default 900x600). */
    public LinePlot size(int width, int height) {
        if (width < 100 || height < 100) {
            throw new IllegalArgumentException("plot size " + width + "x" + height + " is too small (min 100x100)");
        }
        this.width = width;
        this.height = height;
        return this;
    }

    /** Logarithmic x axis (all x values must be positive). */
    public LinePlot logX() {
        this.logX = true;
        return this;
    }

    /** Logarithmic y axis (all y values must be positive). */
    public LinePlot logY() {
        this.logY = true;
        return this;
    }

    /** Whether data points get markers (default true). */
    public LinePlot markers(boolean show) {
        this.markers = show;
        return this;
    }

    /** Adds a named series; {@code x} and {@code y} must have the same, non-zero length. */
    public LinePlot series(String name, double[] x, double[] y) {
        return series(name, x, y, null, false);
    }

    /** Adds a named series drawn in {@code colour} (null: the theme's next colour), dashed or solid. */
    public LinePlot series(String name, double[] x, double[] y, Color colour, boolean dashed) {
        if (x.length != y.length || x.length == 0) {
            throw new IllegalArgumentException("series '" + name + "': x has " + x.length + " values, y has "
                    + y.length + "; expected the same non-zero count");
        }
        if (series.stream().anyMatch(s -> s.name.equals(name))) {
            throw new IllegalArgumentException("series '" + name + "' added twice");
        }
        series.add(new Series(name, x.clone(), y.clone(), colour, dashed));
        return this;
    }

    /** Marks the point (x, y) with a distinct marker, a dashed vertical line and {@code label}. */
    public LinePlot highlight(double x, double y, String label) {
        this.highlight = new Highlight(x, y, label);
        return this;
    }

    /** Renders the chart. */
    @Override
    public BufferedImage toImage() {
        if (series.isEmpty()) {
            throw new IllegalStateException("plot '" + title + "' has no series");
        }
        checkLogAxes();
        Headless.ensure();
        XYChart chart = new XYChartBuilder().width(width).height(height).title(title)
                .xAxisTitle(xAxisTitle).yAxisTitle(yAxisTitle).build();
        var styler = chart.getStyler();
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setLegendVisible(series.size() > 1);
        styler.setLegendPosition(Styler.LegendPosition.InsideNE);
        styler.setXAxisLogarithmic(logX);
        styler.setYAxisLogarithmic(logY);
        styler.setMarkerSize(markers ? 6 : 0);
        styler.setAntiAlias(true);
        for (Series s : series) {
            XYSeries xy = chart.addSeries(s.name, s.x, s.y);
            xy.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            xy.setMarker(markers ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
            if (s.colour != null) {
                xy.setLineColor(s.colour);
                xy.setMarkerColor(s.colour);
            }
            if (s.dashed) {
                xy.setLineStyle(SeriesLines.DASH_DASH);
            }
        }
        if (highlight != null) {
            XYSeries point = chart.addSeries(highlight.label, new double[] {highlight.x}, new double[] {highlight.y});
            point.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            point.setMarker(SeriesMarkers.DIAMOND);
            point.setMarkerColor(HIGHLIGHT);
            point.setShowInLegend(false);
            styler.setAnnotationLineColor(HIGHLIGHT);
            styler.setAnnotationLineStroke(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                    new float[] {6f, 4f}, 0f));
            chart.addAnnotation(new AnnotationLine(highlight.x, true, false));
        }
        BufferedImage image = BitmapEncoder.getBufferedImage(chart);
        if (highlight != null) {
            drawHighlight(chart, image);
        }
        return image;
    }

    /** A bigger marker and the label in a white box, placed above right of the point (kept inside the image). */
    private void drawHighlight(XYChart chart, BufferedImage image) {
        int px = (int) Math.round(chart.getScreenXFromChart(highlight.x));
        int py = (int) Math.round(chart.getScreenYFromChart(highlight.y));
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            int r = 7;
            g.setColor(HIGHLIGHT);
            g.setStroke(new BasicStroke(2f));
            g.drawOval(px - r, py - r, 2 * r, 2 * r);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
            FontMetrics fm = g.getFontMetrics();
            int pad = 4;
            int boxW = fm.stringWidth(highlight.label) + 2 * pad;
            int boxH = fm.getHeight() + 2 * pad;
            int bx = Math.min(px + 12, image.getWidth() - boxW - 2);
            int by = Math.max(py - 12 - boxH, 2);
            g.setColor(Color.WHITE);
            g.fillRect(bx, by, boxW, boxH);
            g.setColor(HIGHLIGHT);
            g.setStroke(new BasicStroke(1f));
            g.drawRect(bx, by, boxW, boxH);
            g.drawString(highlight.label, bx + pad, by + pad + fm.getAscent());
        } finally {
            g.dispose();
        }
    }

    private void checkLogAxes() {
        for (Series s : series) {
            checkPositive(logX, "x", s.name, s.x);
            checkPositive(logY, "y", s.name, s.y);
        }
        if (highlight != null) {
            checkPositive(logX, "x", highlight.label, new double[] {highlight.x});
            checkPositive(logY, "y", highlight.label, new double[] {highlight.y});
        }
    }

    private void checkPositive(boolean log, String axis, String name, double[] values) {
        if (!log) {
            return;
        }
        for (double v : values) {
            if (!(v > 0)) {
                throw new IllegalArgumentException("plot '" + title + "', series '" + name + "': " + axis + " value "
                        + v + " cannot be drawn on a logarithmic " + axis + " axis (expected > 0)");
            }
        }
    }
}
