package dev.latentlab.report;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;

/**
 * A heat map (XChart) of values on a grid of labelled columns and rows (axis titles, a colour legend), each cell showing its value, written as
 * PNG; cells without a value (NaN) stay blank. E.g. a sweep's objective over two parameters.
 */
public final class LabelledHeatMap extends TitledChart<LabelledHeatMap> {
    private List<String> columns = List.of();
    private List<String> rows = List.of();
    private double[][] values = new double[0][0];
    private int width = 900;
    private int height = 700;
    private Color[] colours = {new Color(0x30, 0x4f, 0xa0), new Color(0xf4, 0xf1, 0xde), new Color(0xc0, 0x39, 0x2b)};

    private LabelledHeatMap(String title) {
        super(title);
    }

    /** A new heat map with this title. */
    public static LabelledHeatMap titled(String title) {
        return new LabelledHeatMap(title);
    }

    /** The cells: {@code values[column][row]}, NaN for none. */
    public LabelledHeatMap cells(List<String> columns, List<String> rows, double[][] values) {
        if (values.length != columns.size() || (values.length > 0 && values[0].length != rows.size())) {
            throw new IllegalArgumentException("values must be " + columns.size() + " x " + rows.size());
        }
        this.columns = List.copyOf(columns);
        this.rows = List.copyOf(rows);
        this.values = values;
        return this;
    }

    /** The picture's size in pixels (default 900 x 700). */
    public LabelledHeatMap size(int width, int height) {
        this.width = Sizes.atLeast("width", width, 100);
        this.height = Sizes.atLeast("height", height, 100);
        return this;
    }

    /** The colour scale from the lowest value to the highest (default blue, cream, red). */
    public LabelledHeatMap colours(Color... scale) {
        if (scale.length < 2) {
            throw new IllegalArgumentException("a colour scale needs at least two colours");
        }
        this.colours = scale.clone();
        return this;
    }

    /** Renders the chart. */
    @Override
    public BufferedImage toImage() {
        List<Number[]> cells = new ArrayList<>();
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < columns.size(); c++) {
            for (int r = 0; r < rows.size(); r++) {
                double v = values[c][r];
                if (!Double.isNaN(v)) {
                    cells.add(new Number[] {c, r, v});
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
        }
        if (cells.isEmpty()) {
            throw new IllegalStateException("heat map '" + title + "' has no values");
        }
        Headless.ensure();
        HeatMapChart chart = new HeatMapChartBuilder().width(width).height(height).title(title)
                .xAxisTitle(xAxisTitle).yAxisTitle(yAxisTitle).build();
        var styler = chart.getStyler();
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setShowValue(true);
        styler.setHeatMapValueDecimalPattern("0.####");
        styler.setMin(min);
        styler.setMax(max == min ? min + 1 : max);
        styler.setRangeColors(colours);
        chart.addSeries(title, columns, rows, cells);
        return BitmapEncoder.getBufferedImage(chart);
    }

}
