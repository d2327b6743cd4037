package dev.latentlab.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * summary.json as sections of the report, whatever blocks it holds: the top-level facts of the run in a compact
 * grid, then one section per object or list. An object's values go into a grid, its objects into sub-sections, a
 * classification block's confusion matrix into a heat-map figure; a list of plain records into one table (nested
 * objects as dotted columns), a list of richer ones into one sub-section per item, an object of like records into a
 * table with a row per key. A block equal to one shown before (e.g. the one-component-per-class results when the
 * chosen mixture has one component per class) is not printed again: a line links to the first. Numbers go through
 * {@link ReportNumbers}, each cell keeping its full value in a tooltip.
 */
final class SummarySections {
    /** Blocks with fewer values than this are printed even when repeated (a line would not be shorter). */
    private static final int SMALLEST_REPEAT = 4;
    /** A list of records with more columns than this is shown record by record (a table would not fit the page). */
    private static final int MAX_COLUMNS = 20;

    private final Path dir;
    private final FigureHtml figures;
    private final Map<String, Shown> shown = new HashMap<>();
    private final Set<String> ids = new LinkedHashSet<>();

    /** Where a block was first shown: its element id and its label. */
    private record Shown(String id, String label) {
    }

    SummarySections(Path dir, FigureHtml figures) {
        this.dir = dir;
        this.figures = figures;
    }

    /** The top-level values of {@code root} (not objects or lists of objects) as a grid; nothing if none. */
    void facts(StringBuilder html, JsonNode root) {
        Map<String, JsonNode> values = new LinkedHashMap<>();
        root.fields().forEachRemaining(f -> {
            if (plain(f.getValue())) {
                values.put(f.getKey(), f.getValue());
            }
        });
        if (!values.isEmpty()) {
            html.append("<section id=\"s-run\"><h2>Run</h2>\n");
            grid(html, "", values);
            html.append("</section>\n");
        }
    }

    /** One section per top-level object or list of objects of {@code root}; returns their ids and headings. */
    Map<String, String> details(StringBuilder html, JsonNode root) throws IOException {
        Map<String, String> toc = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = root.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            if (plain(f.getValue())) {
                continue;
            }
            String id = uniqueId(f.getKey());
            toc.put(id, Html.heading(f.getKey()));
            html.append("<section id=\"").append(id).append("\"><h2>").append(Html.escape(Html.heading(f.getKey())))
                    .append("</h2>\n");
            block(html, f.getValue(), f.getKey(), Html.label(f.getKey()), id, 3);
            html.append("</section>\n");
        }
        return toc;
    }

    private void block(StringBuilder html, JsonNode node, String path, String label, String id, int level)
            throws IOException {
        String key = node.toString();
        Shown first = shown.get(key);
        if (first != null) {
            html.append("<p class=\"same\">The same numbers as <a href=\"#").append(first.id()).append("\">")
                    .append(Html.escape(first.label())).append("</a> above.</p>\n");
            return;
        }
        if (leaves(node) >= SMALLEST_REPEAT) {
            shown.put(key, new Shown(id, label));
        }
        if (node.isArray()) {
            list(html, node, path, label, level);
        } else if (likeRecords(node)) {
            List<String> columns = new ArrayList<>();
            node.fields().next().getValue().fieldNames().forEachRemaining(columns::add);
            List<Map<String, JsonNode>> rows = new ArrayList<>();
            node.fields().forEachRemaining(f -> {
                Map<String, JsonNode> row = new LinkedHashMap<>();
                row.put("", TextNode.valueOf(f.getKey()));
                f.getValue().fields().forEachRemaining(c -> row.put(c.getKey(), c.getValue()));
                rows.add(row);
            });
            columns.add(0, "");
            table(html, columns, rows);
        } else {
            object(html, node, path, label, level);
        }
    }

    private void object(StringBuilder html, JsonNode node, String path, String label, int level) throws IOException {
        Map<String, JsonNode> values = new LinkedHashMap<>();
        node.fields().forEachRemaining(f -> {
            if (plain(f.getValue()) && !f.getKey().equals("confusion_matrix")) {
                values.put(f.getKey(), f.getValue());
            }
        });
        grid(html, path, values);
        var confusion = ConfusionMatrixFigure.of("Confusion matrix: " + label, node);
        if (confusion.isPresent()) {      // the figure beside the block's tables (per class)
            String file = "confusion_" + path.replaceAll("[^A-Za-z0-9]+", "_") + ".png";
            confusion.get().writePng(dir.resolve(file));
            html.append("<div class=\"pair\">\n");
            figures.append(html, file, "Confusion matrix of " + label + ": rows are the true labels, columns the "
                    + "predicted ones, each cell counts images (the diagonal is right).");
            html.append("<div>\n");
        } else if (node.has("confusion_matrix")) {
            values.clear();
            values.put("confusion_matrix", node.get("confusion_matrix"));
            grid(html, path, values);
        }
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            if (plain(f.getValue()) || f.getKey().equals("confusion_matrix")) {
                continue;
            }
            String sub = path + "." + f.getKey();
            String id = uniqueId(sub);
            String subLabel = label + " › " + Html.label(f.getKey());
            heading(html, level, id, Html.heading(f.getKey()), sub);
            block(html, f.getValue(), sub, subLabel, id, Math.min(level + 1, 6));
        }
        if (confusion.isPresent()) {
            html.append("</div>\n</div>\n");
        }
    }

    private void list(StringBuilder html, JsonNode list, String path, String label, int level) throws IOException {
        boolean rich = false;
        LinkedHashSet<String> columns = new LinkedHashSet<>();
        List<Map<String, JsonNode>> rows = new ArrayList<>();
        for (JsonNode item : list) {
            for (JsonNode v : item) {
                rich |= v.isArray() && v.size() > 0 && (v.get(0).isObject() || v.get(0).isArray());
            }
            Map<String, JsonNode> row = new LinkedHashMap<>();
            flatten("", item, row);
            columns.addAll(row.keySet());
            rows.add(row);
        }
        if (!rich && columns.size() <= MAX_COLUMNS) {
            table(html, new ArrayList<>(columns), rows);
            return;
        }
        for (int i = 0; i < list.size(); i++) {
            JsonNode item = list.get(i);
            String name = item.path("name").isTextual() ? item.get("name").asText()
                    : item.path("image").isTextual() ? item.get("image").asText() : "#" + (i + 1);
            String sub = path + "." + i;
            String id = uniqueId(path + "-" + name);
            heading(html, level, id, name, sub);
            block(html, item, sub, label + " › " + name, id, Math.min(level + 1, 6));
        }
    }

    private static void heading(StringBuilder html, int level, String id, String text, String path) {
        html.append("<h").append(level).append(" id=\"").append(id).append("\" title=\"")
                .append(Html.escape(path)).append("\">").append(Html.escape(text)).append("</h").append(level)
                .append(">\n");
    }

    private void grid(StringBuilder html, String path, Map<String, JsonNode> values) {
        if (values.isEmpty()) {
            return;
        }
        html.append("<dl class=\"kv\">\n");
        values.forEach((k, v) -> html.append("<div><dt title=\"").append(Html.escape(path.isEmpty() ? k : path + "." + k))
                .append("\">").append(Html.escape(Html.label(k))).append("</dt><dd").append(tooltip(v)).append(">")
                .append(value(v)).append("</dd></div>\n"));
        html.append("</dl>\n");
    }

    private void table(StringBuilder html, List<String> columns, List<Map<String, JsonNode>> rows) {
        html.append("<div class=\"scroll\"><table>\n<tr>");
        for (String c : columns) {
            html.append("<th title=\"").append(Html.escape(c)).append("\">").append(Html.escape(Html.label(c))
                    .replace(".", ".<wbr>")).append("</th>");
        }
        html.append("</tr>\n");
        for (Map<String, JsonNode> row : rows) {
            html.append("<tr>");
            for (String c : columns) {
                JsonNode v = row.get(c);
                html.append("<td").append(v != null && v.isTextual() ? " class=\"t\"" : "")
                        .append(v == null ? "" : tooltip(v)).append(">").append(v == null ? "" : value(v))
                        .append("</td>");
            }
            html.append("</tr>\n");
        }
        html.append("</table></div>\n");
    }

    /** A value as HTML: numbers rounded, lists joined, paths into the run folder linked. */
    private String value(JsonNode v) {
        if (v.isNull()) {
            return "—";
        }
        if (v.isNumber()) {
            return Html.escape(v.isIntegralNumber() ? ReportNumbers.whole(v.asLong()) : ReportNumbers.format(v.asDouble()));
        }
        if (v.isArray()) {
            if (v.size() == 0) {
                return "none";
            }
            List<String> parts = new ArrayList<>();
            v.forEach(e -> parts.add(e.isArray() ? "[" + value(e) + "]" : value(e)));
            return String.join(", ", parts);
        }
        if (v.isObject()) {
            return v.size() == 0 ? "—" : Html.escape(v.toString());
        }
        return link(v.asText());
    }

    /** Text that may break after a slash or an underscore (paths, names). */
    private static String breakable(String text) {
        return Html.escape(text).replace("/", "/<wbr>").replace("_", "_<wbr>");
    }

    /** A text naming a file or folder inside the run folder becomes a link to it (a run folder: its report). */
    private String link(String text) {
        try {
            Path p = Path.of(text).toAbsolutePath().normalize();
            Path here = dir.toAbsolutePath().normalize();
            if (!text.isBlank() && p.startsWith(here) && !p.equals(here) && Files.exists(p)) {
                Path target = Files.isDirectory(p) && Files.exists(p.resolve(HtmlReport.FILE))
                        ? p.resolve(HtmlReport.FILE) : p;
                String shown = here.relativize(p).toString();
                return "<a href=\"" + Html.escape(Html.href(here.relativize(target).toString())) + "\">"
                        + breakable(shown) + "</a>";
            }
        } catch (RuntimeException notAPath) {
            // plain text
        }
        return breakable(text);
    }

    /** The full value as a tooltip where the page rounds it. */
    private static String tooltip(JsonNode v) {
        return v.isFloatingPointNumber() && !ReportNumbers.format(v.asDouble()).equals(v.asText())
                ? " title=\"" + Html.escape(v.asText()) + "\"" : "";
    }

    /** Scalars, lists of scalars, matrices and empty containers: shown as one value. */
    private static boolean plain(JsonNode v) {
        if (v.isValueNode() || v.size() == 0) {
            return true;
        }
        if (v.isObject()) {
            return false;
        }
        for (JsonNode e : v) {
            if (e.isObject() || (e.isArray() && !plain(e))) {
                return false;
            }
        }
        return true;
    }

    /** An object of at least two objects that share the same plain fields: a table with one row per key. */
    private static boolean likeRecords(JsonNode node) {
        if (!node.isObject() || node.size() < 2) {
            return false;
        }
        List<String> first = null;
        for (JsonNode v : node) {
            if (!v.isObject() || v.size() == 0) {
                return false;
            }
            List<String> names = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                if (!f.getValue().isValueNode()) {
                    return false;
                }
                names.add(f.getKey());
            }
            if (first == null) {
                first = names;
            } else if (!first.equals(names)) {
                return false;
            }
        }
        return true;
    }

    /** Plain values under dotted keys (nested objects flattened; anything else kept whole). */
    private static void flatten(String prefix, JsonNode node, Map<String, JsonNode> out) {
        if (node.isObject() && node.size() > 0) {
            node.fields().forEachRemaining(f -> flatten(prefix.isEmpty() ? f.getKey() : prefix + "." + f.getKey(),
                    f.getValue(), out));
        } else {
            out.put(prefix, node);
        }
    }

    private static int leaves(JsonNode node) {
        if (node.isValueNode()) {
            return 1;
        }
        int n = 0;
        for (JsonNode child : node) {
            n += leaves(child);
        }
        return n;
    }

    private String uniqueId(String path) {
        String base = Html.id(path);
        String id = base;
        for (int n = 2; !ids.add(id); n++) {
            id = base + "-" + n;
        }
        return id;
    }
}
