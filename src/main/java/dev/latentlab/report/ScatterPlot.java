package dev.latentlab.report;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A 2-D scatter plot (XChart) written as PNG: named point groups (one colour each, e.g. one per digit) and
 * outlined closed curves (e.g. the 2σ ellipses of Gaussian mixture components). 900x800, white background.
 */
public final class ScatterPlot extends TitledChart<ScatterPlot> {
    private record Group(String name, double[] x, double[] y) {
    }

    private record Outline(String name, double[] x, double[] y) {
    }

    private final List<Group> groups = new ArrayList<>();
    private final List<Outline> outlines = new ArrayList<>();

    private ScatterPlot(String title) {
        super(title);
    }

    /** A new plot with this title. */
    public static ScatterPlot titled(String title) {
        return new ScatterPlot(title);
    }

    /** Adds a group of points drawn as small dots in their own colour with a legend entry. */
    public ScatterPlot points(String name, double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("x and y lengths differ for '" + name + "'");
        }
        groups.add(new Group(name, x.clone(), y.clone()));
        return this;
    }

    /** Adds a closed curve through the given points, drawn as a dark line without a legend entry. */
    public ScatterPlot outline(String name, double[] x, double[] y) {
        if (x.length != y.length || x.length < 3) {
            throw new IllegalArgumentException("outline '" + name + "' needs at least 3 points with x and y");
        }
        double[] cx = java.util.Arrays.copyOf(x, x.length + 1);
        double[] cy = java.util.Arrays.copyOf(y, y.length + 1);
        cx[x.length] = x[0];
        cy[y.length] = y[0];
        outlines.add(new Outline(name, cx, cy));
        return this;
    }

    /** Renders the chart. */
    @Override
    public BufferedImage toImage() {
        if (groups.isEmpty()) {
            throw new IllegalStateException("plot '" + title + "' has no points");
        }
        Headless.ensure();
        XYChart chart = new XYChartBuilder().width(900).height(800).title(title)
                .xAxisTitle(xAxisTitle).yAxisTitle(yAxisTitle).build();
        var styler = chart.getStyler();
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setLegendPosition(Styler.LegendPosition.OutsideE);
        styler.setMarkerSize(4);
        styler.setAntiAlias(true);
        for (Group g : groups) {
            XYSeries s = chart.addSeries(g.name, g.x, g.y);
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            s.setMarker(SeriesMarkers.CIRCLE);
        }
        for (Outline o : outlines) {
            XYSeries s = chart.addSeries(o.name, o.x, o.y);
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            s.setMarker(SeriesMarkers.NONE);
            s.setLineColor(Color.DARK_GRAY);
            s.setShowInLegend(false);
        }
        return BitmapEncoder.getBufferedImage(chart);
    }

}
