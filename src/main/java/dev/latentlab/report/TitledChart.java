package dev.latentlab.report;

/** What the XChart figures share: a title and axis titles, set fluently. */
public abstract class TitledChart<T extends TitledChart<T>> implements Figure {
    /** The chart's title. */
    protected final String title;
    /** The x axis title (default none). */
    protected String xAxisTitle = "";
    /** The y axis title (default none). */
    protected String yAxisTitle = "";

    TitledChart(String title) {
        this.title = title;
    }

    /** Axis titles. */
    @SuppressWarnings("unchecked")
    public T axes(String xAxisTitle, String yAxisTitle) {
        this.xAxisTitle = xAxisTitle;
        this.yAxisTitle = yAxisTitle;
        return (T) this;
    }
}
