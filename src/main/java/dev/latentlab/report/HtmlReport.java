package dev.latentlab.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.latentlab.store.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Writes {@code report.html} into a run folder, a page for people, in this order: the title; a banner (an
 * interrupted run) or the in-progress note; the headline ({@link Headline}: the numbers that matter, the run time
 * and the command that re-runs the run); the run's facts; the named figures with captions; summary.json's blocks
 * ({@link SummarySections}: tables, confusion-matrix heat maps, no block twice); the other PNGs; metrics.csv and
 * config.yaml folded away. Numbers are rounded to four significant digits ({@link ReportNumbers}); summary.json
 * keeps every digit. Self-contained: relative links, escaped text, a layout that fits a 1,280-pixel window.
 *
 * <pre>{@code HtmlReport.forRun(run.path()).title("k-means on MNIST patches").imageOrder(List.of("mse_vs_k.png"))
 *     .captions(PatchDictionaryFigures::caption).write();}</pre>
 */
public final class HtmlReport {
    public static final String FILE = "report.html";

    private static final ObjectMapper JSON = new ObjectMapper();
    /** metrics.csv with at most this many rows is shown unfolded. */
    private static final int OPEN_ROWS = 20;
    private static final String STYLE = """
            body{font-family:"DejaVu Sans",Arial,sans-serif;color:#1f2328;margin:0 auto;max-width:1240px;
              padding:20px 20px 40px;line-height:1.4;font-size:15px}
            h1{font-size:1.7em;margin:0 0 .1em}
            h2{font-size:1.3em;margin:1.6em 0 .5em;padding-bottom:.2em;border-bottom:1px solid #d8dee4}
            h3{font-size:1.08em;margin:1.2em 0 .4em}
            h4,h5,h6{font-size:1em;margin:1em 0 .3em;color:#444}
            a{color:#0969da}
            .sub{color:#656d76;margin:0 0 1em}
            .banner{background:#fff8c5;border:1px solid #d4a72c;border-radius:6px;padding:.6em .9em}
            .live{color:#656d76;font-style:italic}
            .headline{display:flex;flex-wrap:wrap;gap:10px;margin:1em 0 .6em}
            .metric{border:1px solid #d0d7de;border-radius:8px;background:#f6f8fa;padding:.5em .9em;min-width:150px}
            .metric .v{font-size:1.75em;font-weight:bold;font-variant-numeric:tabular-nums}
            .metric .u{font-size:.55em;font-weight:normal;color:#656d76;margin-left:.25em}
            .metric .l{font-weight:bold;color:#333}
            .metric .d{font-size:.82em;color:#656d76;max-width:260px}
            .rerun{margin:.4em 0 1em}
            code,pre{font-family:"DejaVu Sans Mono",monospace;font-size:.88em}
            .rerun code{background:#f6f8fa;border:1px solid #d0d7de;border-radius:6px;padding:.25em .5em;
              display:inline-block;word-break:break-all}
            nav{font-size:.92em;margin:.4em 0 1em;color:#656d76}
            nav a{margin-right:.9em;white-space:nowrap}
            dl.kv{display:grid;grid-template-columns:repeat(auto-fill,minmax(285px,1fr));gap:2px 18px;margin:.3em 0 1em}
            dl.kv div{display:flex;justify-content:space-between;gap:10px;border-bottom:1px dotted #d8dee4;padding:2px 0}
            dt{color:#444;flex:1 1 auto;min-width:5em}
            dd{margin:0;text-align:right;font-variant-numeric:tabular-nums;flex:0 1 auto;min-width:0}
            .scroll{max-width:100%;overflow-x:auto}
            table{border-collapse:collapse;margin:.3em 0 1.2em;font-size:.9em}
            th,td{border:1px solid #d0d7de;padding:3px 7px;text-align:right;font-variant-numeric:tabular-nums}
            th{background:#f0f3f6;font-weight:bold;vertical-align:bottom;max-width:9em}
            td.t{text-align:left;overflow-wrap:anywhere;max-width:24em}
            td.note{text-align:left;color:#656d76;font-style:italic}
            .same{color:#444;background:#f6f8fa;border-left:3px solid #8c959f;padding:.3em .7em}
            .figures{display:flex;flex-wrap:wrap;gap:14px 18px;align-items:flex-start}
            figure{margin:0 0 1em;max-width:100%;flex:0 1 auto}
            figure.wide{flex-basis:100%}
            .pair{display:flex;flex-wrap:wrap;gap:0 28px;align-items:flex-start}
            figure img{width:100%;height:auto;border:1px solid #d0d7de;box-sizing:border-box}
            figcaption{font-size:.9em;color:#333}
            .file{color:#8c959f;font-size:.9em}
            details{margin:.6em 0}
            summary{cursor:pointer;font-weight:bold}
            pre{background:#f6f8fa;padding:.6em;overflow-x:auto}
            """;

    private final Path dir;
    private String title;
    private List<String> imageOrder = List.of();
    private Function<String, String> captions = name -> null;
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

    /** The run's main figures, shown in this order after the headline; the other PNGs follow at the end, by name. */
    public HtmlReport imageOrder(List<String> fileNames) {
        this.imageOrder = List.copyOf(fileNames);
        return this;
    }

    /**
     * What each figure shows, by file name (null: not known, the caption is made from the file name); e.g. a
     * pipeline's {@code Figures::caption}.
     */
    public HtmlReport captions(Function<String, String> captionOfFile) {
        this.captions = captionOfFile;
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

    /** Writes {@code report.html} (and the confusion-matrix figures it shows) atomically; returns its path. */
    public Path write() throws IOException {
        JsonNode summary = readSummary();
        FigureHtml figures = new FigureHtml(dir);
        SummarySections sections = new SummarySections(dir, figures);
        StringBuilder html = new StringBuilder(16384);
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        if (refreshSeconds > 0) {
            html.append("<meta http-equiv=\"refresh\" content=\"").append(refreshSeconds).append("\">\n");
        }
        html.append("<title>").append(Html.escape(title)).append("</title>\n<style>\n").append(STYLE)
                .append("</style>\n</head>\n<body>\n<header>\n<h1>").append(Html.escape(title)).append("</h1>\n")
                .append("<p class=\"sub\">Run folder ").append(Html.escape(dir.toAbsolutePath().getFileName().toString()))
                .append("</p>\n");
        if (banner != null) {
            html.append("<p class=\"banner\"><strong>").append(Html.escape(banner)).append("</strong></p>\n");
        }
        if (refreshSeconds > 0) {
            html.append("<p class=\"live\">Run in progress: this page is rewritten after every epoch and reloads every ")
                    .append(refreshSeconds).append(" s.</p>\n");
        }
        headline(html, Headline.of(summary));
        html.append("</header>\n");

        StringBuilder body = new StringBuilder(16384);
        Map<String, String> toc = new LinkedHashMap<>();
        if (summary != null && summary.isObject()) {
            sections.facts(body, summary);
            if (body.length() > 0) {
                toc.put("s-run", "Run");
            }
        } else if (summary != null) {
            body.append("<h2>Summary</h2>\n<pre>").append(Html.escape(summary.toPrettyString())).append("</pre>\n");
        }
        List<String> pngs = pngs();
        List<String> main = imageOrder.stream().filter(pngs::contains).distinct().toList();
        if (!main.isEmpty()) {
            toc.put("s-figures", "Figures");
            figureSection(body, "s-figures", "Figures", main, figures);
        }
        if (summary != null && summary.isObject()) {
            toc.putAll(sections.details(body, summary));
        }
        List<String> rest = pngs().stream().filter(p -> !figures.placed(p)).toList();
        if (!rest.isEmpty()) {
            toc.put("s-more-figures", main.isEmpty() ? "Figures" : "More figures");
            figureSection(body, "s-more-figures", main.isEmpty() ? "Figures" : "More figures", rest, figures);
        }
        if (metrics(body)) {
            toc.put("s-metrics", "Metrics");
        }
        if (config(body)) {
            toc.put("s-config", "Config");
        }
        if (toc.size() > 1) {
            html.append("<nav>On this page: ");
            toc.forEach((id, label) -> html.append("<a href=\"#").append(id).append("\">").append(Html.escape(label))
                    .append("</a>"));
            html.append("</nav>\n");
        }
        html.append("<main>\n").append(body).append("</main>\n");
        if (Files.exists(dir.resolve(RunDirectory.LOG_FILE))) {
            html.append("<p>Everything logged: <a href=\"").append(RunDirectory.LOG_FILE).append("\">run.log</a></p>\n");
        }
        html.append("</body>\n</html>\n");
        Path file = dir.resolve(FILE);
        AtomicFiles.writeString(file, html.toString());
        return file;
    }

    private JsonNode readSummary() throws IOException {
        Path file = dir.resolve(RunDirectory.SUMMARY_FILE);
        return Files.exists(file) ? JSON.readTree(file.toFile()) : null;
    }

    private void headline(StringBuilder html, Headline headline) throws IOException {
        if (!headline.items().isEmpty()) {
            html.append("<div class=\"headline\">\n");
            for (Headline.Item item : headline.items()) {
                JsonNode v = item.value();
                String shown = v.isIntegralNumber() ? ReportNumbers.whole(v.asLong())
                        : v.isNumber() ? ReportNumbers.format(v.asDouble()) : v.asText();
                html.append("<div class=\"metric\"><div class=\"l\">").append(Html.escape(item.label()))
                        .append("</div><div class=\"v\"").append(v.isFloatingPointNumber()
                                ? " title=\"" + Html.escape(v.asText()) + "\"" : "").append(">")
                        .append(Html.escape(shown));
                if (!item.unit().isEmpty()) {
                    html.append("<span class=\"u\">").append(Html.escape(item.unit())).append("</span>");
                }
                html.append("</div>");
                if (!item.detail().isEmpty()) {
                    html.append("<div class=\"d\">").append(Html.escape(item.detail())).append("</div>");
                }
                html.append("</div>\n");
            }
            html.append("</div>\n");
        }
        Optional<String> rerun = RerunCommand.of(dir);
        if (rerun.isPresent()) {
            html.append("<p class=\"rerun\">Run it again: <code>").append(Html.escape(rerun.get()))
                    .append("</code></p>\n");
        }
    }

    private void figureSection(StringBuilder html, String id, String heading, List<String> files, FigureHtml figures) {
        html.append("<section id=\"").append(id).append("\"><h2>").append(heading).append("</h2>\n<div class=\"figures\">\n");
        for (String file : files) {
            String caption = captions.apply(file);
            figures.append(html, file, caption != null ? caption : fallbackCaption(file));
        }
        html.append("</div>\n</section>\n");
    }

    /** "mse_vs_k.png" → "Mse vs k." when no caption is known. */
    private static String fallbackCaption(String file) {
        String stem = file.replaceFirst("(?i)\\.png$", "");
        return Html.heading(stem.replace('-', ' ')) + ".";
    }

    private List<String> pngs() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile).map(p -> p.getFileName().toString())
                    .filter(n -> n.toLowerCase(Locale.ROOT).endsWith(".png")).sorted().toList();
        }
    }

    private boolean metrics(StringBuilder html) throws IOException {
        Path file = dir.resolve(MetricsCsv.DEFAULT_FILE);
        if (!Files.exists(file)) {
            return false;
        }
        List<List<String>> rows = CsvReader.parse(Files.readString(file));
        if (rows.size() < 2) {
            return false;       // no rows yet (a run stopped before its first)
        }
        List<String> header = rows.get(0);
        List<List<String>> body = rows.subList(1, rows.size());
        html.append("<section id=\"s-metrics\"><h2>Metrics</h2>\n<details").append(body.size() <= OPEN_ROWS ? " open" : "")
                .append("><summary>")
                .append(MetricsCsv.DEFAULT_FILE).append(": ").append(ReportNumbers.whole(body.size()))
                .append(body.size() == 1 ? " row" : " rows").append(" (").append(String.join(", ", header))
                .append(")</summary>\n");
        if (body.size() > maxCsvRows) {
            int head = maxCsvRows / 2;
            int tail = maxCsvRows - head;
            int omitted = body.size() - maxCsvRows;
            html.append("<p class=\"live\">").append(body.size()).append(" rows; showing the first ").append(head)
                    .append(" and the last ").append(tail).append(" (").append(omitted).append(" omitted; see ")
                    .append(MetricsCsv.DEFAULT_FILE).append(").</p>\n");
            List<List<String>> shown = new ArrayList<>(body.subList(0, head));
            shown.add(List.of("… " + omitted + " rows omitted …"));
            shown.addAll(body.subList(body.size() - tail, body.size()));
            body = shown;
        }
        html.append("<div class=\"scroll\"><table>\n<tr>");
        header.forEach(h -> html.append("<th>").append(Html.escape(Html.label(h))).append("</th>"));
        html.append("</tr>\n");
        for (List<String> row : body) {
            html.append("<tr>");
            if (row.size() == 1 && header.size() > 1) {
                html.append("<td class=\"note\" colspan=\"").append(header.size()).append("\">")
                        .append(Html.escape(row.get(0))).append("</td>");
            } else {
                for (String cell : row) {
                    String shown = ReportNumbers.formatText(cell);
                    html.append("<td").append(shown.equals(cell) ? "" : " title=\"" + Html.escape(cell) + "\"")
                            .append(">").append(Html.escape(shown)).append("</td>");
                }
            }
            html.append("</tr>\n");
        }
        html.append("</table></div>\n<p><a href=\"").append(MetricsCsv.DEFAULT_FILE).append("\">")
                .append(MetricsCsv.DEFAULT_FILE).append("</a> (every digit)</p>\n</details>\n</section>\n");
        return true;
    }

    private boolean config(StringBuilder html) throws IOException {
        Path file = dir.resolve(RunDirectory.CONFIG_FILE);
        if (!Files.exists(file)) {
            return false;
        }
        html.append("<section id=\"s-config\"><h2>Config</h2>\n<details><summary>").append(RunDirectory.CONFIG_FILE)
                .append(": every key of the run, defaults filled in</summary>\n<pre>")
                .append(Html.escape(Files.readString(file))).append("</pre>\n</details>\n</section>\n");
        return true;
    }
}
