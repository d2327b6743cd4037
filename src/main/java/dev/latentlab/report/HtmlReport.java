package dev.latentlab.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.latentlab.store.AtomicFiles;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Writes {@code report.html} into a run folder: the title, {@code summary.json} as tables (nested objects
 * flattened to dotted keys, each list of objects as its own table, one row per item), {@code metrics.csv}
 * (long files shown head and tail with a note), {@code config.yaml}, and every PNG in the folder with its file
 * name as caption, named ones first in the given order. Self-contained: relative image links, escaped text.
 *
 * <pre>{@code HtmlReport.forRun(run.path()).title("k-means on MNIST patches").imageOrder(List.of("mse_vs_k.png")).write();}</pre>
 */
public final class HtmlReport {
    public static final String FILE = "report.html";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String STYLE = """
            body{font-family:sans-serif;margin:2em;color:#222}
            table{border-collapse:collapse;margin:0.5em 0 1.5em}
            th,td{border:1px solid #ccc;padding:2px 8px;text-align:right;font-variant-numeric:tabular-nums}
            th{background:#f2f2f2}
            td.k,th.k{text-align:left}
            figure{display:inline-block;margin:0 1em 1em 0;vertical-align:top}
            figure img{max-width:100%;border:1px solid #ddd}
            figcaption{font-size:90%;color:#555}
            pre{background:#f8f8f8;padding:0.5em;overflow-x:auto}
            .note{color:#777;font-style:italic}
            .banner{background:#fff3cd;border:1px solid #e0b000;padding:0.5em}
            """;

    private final Path dir;
    private String title;
    private List<String> imageOrder = List.of();
    private int maxCsvRows = 200;
    private int refreshSeconds;
    private String banner;

    private HtmlReport(Path dir) {
        this.dir = dir;
        this.title = String.valueOf(dir.toAbsolutePath().getFileName());
    }

    /** A report on the run folder {@code dir} (titled after the folder unless {@link #title} is set). */
    public static HtmlReport forRun(Path dir) {
        return new HtmlReport(dir);
    }

    public HtmlReport title(String title) {
        this.title = title;
        return this;
    }

    /** PNG file names to show first, in this order; the other PNGs follow by name. */
    public HtmlReport imageOrder(List<String> fileNames) {
        this.imageOrder = List.copyOf(fileNames);
        return this;
    }

    /** Most metrics rows shown (default 200): longer files show the first and last half of that. */
    public HtmlReport maxCsvRows(int rows) {
        this.maxCsvRows = Sizes.atLeast("maxCsvRows", rows, 2);
        return this;
    }

    /**
     * While a run is alive: the page reloads itself every {@code seconds} and says the run is in progress
     * (0, the default, for a finished run's report).
     */
    public HtmlReport refreshSeconds(int seconds) {
        this.refreshSeconds = Math.max(0, seconds);
        return this;
    }

    /** A line shown in bold above everything else, e.g. that the run was interrupted. */
    public HtmlReport banner(String text) {
        this.banner = text;
        return this;
    }

    /** Writes {@code report.html} atomically and returns its path. */
    public Path write() throws IOException {
        StringBuilder html = new StringBuilder(8192);
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        if (refreshSeconds > 0) {
            html.append("<meta http-equiv=\"refresh\" content=\"").append(refreshSeconds).append("\">\n");
        }
        html.append("<title>")
                .append(escape(title)).append("</title>\n<style>\n").append(STYLE).append("</style>\n</head>\n<body>\n")
                .append("<h1>").append(escape(title)).append("</h1>\n")
                .append("<p class=\"note\">").append(escape(dir.toAbsolutePath().getFileName().toString()))
                .append("</p>\n");
        if (banner != null) {
            html.append("<p class=\"banner\"><strong>").append(escape(banner)).append("</strong></p>\n");
        }
        if (refreshSeconds > 0) {
            html.append("<p class=\"note\">Run in progress: this page is rewritten after every epoch and reloads every ")
                    .append(refreshSeconds).append(" s.</p>\n");
        }
        summary(html);
        metrics(html);
        images(html);
        textFile(html, RunDirectory.CONFIG_FILE, "Config");
        if (Files.exists(dir.resolve(RunDirectory.LOG_FILE))) {
            html.append("<p><a href=\"").append(RunDirectory.LOG_FILE).append("\">run.log</a></p>\n");
        }
        html.append("</body>\n</html>\n");
        Path file = dir.resolve(FILE);
        AtomicFiles.writeString(file, html.toString());
        return file;
    }

    private void summary(StringBuilder html) throws IOException {
        Path file = dir.resolve(RunDirectory.SUMMARY_FILE);
        if (!Files.exists(file)) {
            return;
        }
        JsonNode root = JSON.readTree(file.toFile());
        html.append("<h2>Summary</h2>\n");
        if (!root.isObject()) {
            html.append("<pre>").append(escape(root.toPrettyString())).append("</pre>\n");
            return;
        }
        Map<String, String> scalars = new LinkedHashMap<>();
        Map<String, JsonNode> lists = new LinkedHashMap<>();
        flatten("", root, scalars, lists);
        if (!scalars.isEmpty()) {
            html.append("<table>\n");
            scalars.forEach((k, v) -> html.append("<tr><th class=\"k\">").append(escape(k))
                    .append("</th><td>").append(escape(v)).append("</td></tr>\n"));
            html.append("</table>\n");
        }
        for (Map.Entry<String, JsonNode> list : lists.entrySet()) {
            html.append("<h3>").append(escape(list.getKey())).append("</h3>\n");
            List<Map<String, String>> items = new ArrayList<>();
            LinkedHashSet<String> columns = new LinkedHashSet<>();
            for (JsonNode item : list.getValue()) {
                Map<String, String> row = new LinkedHashMap<>();
                Map<String, JsonNode> nested = new LinkedHashMap<>();
                flatten("", item, row, nested);
                nested.forEach((k, v) -> row.put(k, v.toString()));
                columns.addAll(row.keySet());
                items.add(row);
            }
            List<String> header = new ArrayList<>(columns);
            List<List<String>> rows = items.stream()
                    .map(r -> header.stream().map(c -> r.getOrDefault(c, "")).toList()).toList();
            table(html, header, rows);
        }
    }

    /** Scalars (and lists of scalars) under dotted keys; non-empty lists of objects go to {@code lists}. */
    private static void flatten(String prefix, JsonNode node, Map<String, String> scalars,
                                Map<String, JsonNode> lists) {
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                flatten(prefix.isEmpty() ? f.getKey() : prefix + "." + f.getKey(), f.getValue(), scalars, lists);
            }
        } else if (node.isArray() && node.size() > 0 && node.get(0).isObject()) {
            lists.put(prefix, node);
        } else if (node.isArray()) {
            List<String> parts = new ArrayList<>();
            node.forEach(e -> parts.add(e.isValueNode() ? e.asText() : e.toString()));
            scalars.put(prefix, "[" + String.join(", ", parts) + "]");
        } else {
            scalars.put(prefix, node.isNull() ? "null" : node.asText());
        }
    }

    private void metrics(StringBuilder html) throws IOException {
        Path file = dir.resolve(MetricsCsv.DEFAULT_FILE);
        if (!Files.exists(file)) {
            return;
        }
        List<List<String>> rows = CsvReader.parse(Files.readString(file));
        if (rows.isEmpty()) {
            return;
        }
        html.append("<h2>Metrics</h2>\n");
        List<String> header = rows.get(0);
        List<List<String>> body = rows.subList(1, rows.size());
        if (body.size() > maxCsvRows) {
            int head = maxCsvRows / 2;
            int tail = maxCsvRows - head;
            int omitted = body.size() - maxCsvRows;
            html.append("<p class=\"note\">").append(body.size()).append(" rows; showing the first ").append(head)
                    .append(" and the last ").append(tail).append(" (").append(omitted).append(" omitted; see ")
                    .append(MetricsCsv.DEFAULT_FILE).append(").</p>\n");
            List<List<String>> shown = new ArrayList<>(body.subList(0, head));
            shown.add(List.of("… " + omitted + " rows omitted …"));
            shown.addAll(body.subList(body.size() - tail, body.size()));
            body = shown;
        }
        table(html, header, body);
        html.append("<p><a href=\"").append(MetricsCsv.DEFAULT_FILE).append("\">")
                .append(MetricsCsv.DEFAULT_FILE).append("</a></p>\n");
    }

    private static void table(StringBuilder html, List<String> header, List<List<String>> rows) {
        html.append("<table>\n<tr>");
        header.forEach(h -> html.append("<th>").append(escape(h)).append("</th>"));
        html.append("</tr>\n");
        for (List<String> row : rows) {
            html.append("<tr>");
            if (row.size() == 1 && header.size() > 1) {
                html.append("<td class=\"k note\" colspan=\"").append(header.size()).append("\">")
                        .append(escape(row.get(0))).append("</td>");
            } else {
                row.forEach(cell -> html.append("<td>").append(escape(cell)).append("</td>"));
            }
            html.append("</tr>\n");
        }
        html.append("</table>\n");
    }

    private void images(StringBuilder html) throws IOException {
        List<String> pngs;
        try (Stream<Path> files = Files.list(dir)) {
            pngs = files.filter(Files::isRegularFile).map(p -> p.getFileName().toString())
                    .filter(n -> n.toLowerCase().endsWith(".png")).sorted().toList();
        }
        if (pngs.isEmpty()) {
            return;
        }
        LinkedHashSet<String> ordered = new LinkedHashSet<>();
        imageOrder.stream().filter(pngs::contains).forEach(ordered::add);
        ordered.addAll(pngs);
        html.append("<h2>Figures</h2>\n");
        for (String name : ordered) {
            String src = "./" + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
            html.append("<figure><img src=\"").append(escape(src)).append("\" alt=\"").append(escape(name))
                    .append("\"><figcaption>").append(escape(name)).append("</figcaption></figure>\n");
        }
    }

    private void textFile(StringBuilder html, String name, String heading) throws IOException {
        Path file = dir.resolve(name);
        if (Files.exists(file)) {
            html.append("<h2>").append(escape(heading)).append("</h2>\n<pre>")
                    .append(escape(Files.readString(file))).append("</pre>\n");
        }
    }

    /** HTML-escapes text for element content and quoted attribute values. */
    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
