package dev.latentlab.report;

import dev.latentlab.store.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A metrics CSV with a fixed header, one row per epoch/iteration. Every {@link #append} rewrites the whole file
 * atomically (metrics files are small), so a reader never sees half a row.
 * <p>
 * Cells: integers as written; doubles/floats in their shortest round-trip form ({@code 0.25},
 * {@code 1.0e-4}, lower-case exponent), {@code NaN}, {@code inf}, {@code -inf} (all read by pandas);
 * {@code null} as an empty cell; strings quoted (RFC 4180) when they hold a comma, quote, line break or
 * outer space.
 *
 * <pre>{@code MetricsCsv csv = MetricsCsv.create(run.resolve("metrics.csv"), "epoch", "loss"); csv.append(1, 0.25);}</pre>
 */
public final class MetricsCsv {
    public static final String DEFAULT_FILE = "metrics.csv";

    private final Path file;
    private final List<String> columns;
    private final StringBuilder text = new StringBuilder();
    private int rows;

    private MetricsCsv(Path file, List<String> columns) {
        this.file = file;
        this.columns = columns;
    }

    /** Creates (or replaces) {@code file} holding only the header. */
    public static MetricsCsv create(Path file, String... columns) throws IOException {
        return create(file, List.of(columns));
    }

    /** Creates (or replaces) {@code file} holding only the header. */
    public static MetricsCsv create(Path file, List<String> columns) throws IOException {
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("a metrics CSV needs at least one column");
        }
        if (new HashSet<>(columns).size() != columns.size()) {
            throw new IllegalArgumentException("duplicate column in " + columns);
        }
        MetricsCsv csv = new MetricsCsv(file, List.copyOf(columns));
        csv.addLine(columns.toArray());
        csv.flush();
        return csv;
    }

    /** Appends a row given in column order; there must be one value per column. */
    public synchronized void append(Object... values) throws IOException {
        if (values.length != columns.size()) {
            throw new IllegalArgumentException("row has " + values.length + " values, expected "
                    + columns.size() + " for columns " + columns + ": " + Arrays.toString(values));
        }
        addLine(values);
        rows++;
        flush();
    }

    /** Appends a row given by column name; missing columns stay empty, unknown names are an error. */
    public synchronized void append(Map<String, ?> row) throws IOException {
        Set<String> unknown = new HashSet<>(row.keySet());
        columns.forEach(unknown::remove);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown metrics column(s) " + unknown + ", expected some of " + columns);
        }
        append(columns.stream().map(row::get).toArray());
    }

    /** The file this CSV is written to. */
    public Path path() {
        return file;
    }

    /** The header, in order. */
    public List<String> columns() {
        return columns;
    }

    /** Rows appended so far (the header not counted). */
    public synchronized int rowCount() {
        return rows;
    }

    private void addLine(Object[] values) {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                text.append(',');
            }
            text.append(cell(values[i]));
        }
        text.append('\n');
    }

    private void flush() throws IOException {
        AtomicFiles.writeString(file, text.toString());
    }

    /** The CSV text of one cell. */
    static String cell(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Double d) {
            return number(d, Double.toString(d));
        }
        if (value instanceof Float f) {
            return number(f, Float.toString(f));
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        return quote(value.toString());
    }

    private static String number(double value, String shortest) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        return shortest.replace('E', 'e');
    }

    private static String quote(String s) {
        boolean needs = s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0
                || (!s.isEmpty() && (Character.isWhitespace(s.charAt(0))
                || Character.isWhitespace(s.charAt(s.length() - 1))));
        return needs ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }
}
