package dev.latentlab.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportTest {
    @TempDir
    Path run;

    @Test
    void showsSummaryTablesMetricsImagesInOrderAndEscapes() throws IOException {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("task", "kmeans <patches> & more");
        summary.put("data", Map.of("train_patches", 20074704));
        summary.put("ks", List.of(100, 2000));
        summary.put("results", List.of(
                Map.of("k", 100, "train_mse", 0.021, "test_mse", 0.022),
                Map.of("k", 2000, "train_mse", 0.0105, "test_mse", 0.0111)));
        new ObjectWriterForTest().write(run.resolve("summary.json"), summary);
        MetricsCsv csv = MetricsCsv.create(run.resolve("metrics.csv"), "iteration", "note");
        csv.append(1, "<b>bold</b>");
        Files.writeString(run.resolve("config.yaml"), "task: kmeans\n");
        for (String png : List.of("b.png", "a.png", "mse_vs_k.png", "x y.png")) {
            Files.write(run.resolve(png), new byte[] {1});
        }

        Path file = HtmlReport.forRun(run).title("Report <1>").imageOrder(List.of("mse_vs_k.png", "missing.png"))
                .write();
        String html = Files.readString(file);

        assertThat(file.getFileName()).hasToString("report.html");
        assertThat(html).contains("<title>Report &lt;1&gt;</title>", "<h1>Report &lt;1&gt;</h1>")
                .contains("kmeans &lt;patches&gt; &amp; more").doesNotContain("<patches>")
                .contains("<th class=\"k\">data.train_patches</th><td>20074704</td>")
                .contains("<th class=\"k\">ks</th><td>[100, 2000]</td>")
                .contains("<h3>results</h3>")
                .contains("<td>2000</td>", "<td>0.0105</td>", "<td>0.0111</td>")
                .contains("<th>iteration</th><th>note</th>")
                .contains("<td>1</td><td>&lt;b&gt;bold&lt;/b&gt;</td>").doesNotContain("<b>bold")
                .contains("<pre>task: kmeans\n</pre>")
                .doesNotContain("missing.png");
        int elbow = html.indexOf("src=\"./mse_vs_k.png\"");
        int a = html.indexOf("src=\"./a.png\"");
        int b = html.indexOf("src=\"./b.png\"");
        int xy = html.indexOf("src=\"./x%20y.png\"");
        assertThat(elbow).isPositive().isLessThan(a);
        assertThat(a).isLessThan(b);
        assertThat(b).isLessThan(xy);
        assertThat(html).contains("<figcaption>x y.png</figcaption>");
        // the results table has one row per item, with the item's keys as columns
        String results = html.substring(html.indexOf("<h3>results</h3>"), html.indexOf("<h2>Metrics</h2>"));
        assertThat(results.split("<tr>", -1)).hasSize(1 + 3);
        assertThat(results).contains("<th>k</th>", "<th>train_mse</th>", "<th>test_mse</th>");
    }

    @Test
    void truncatesLongMetricsWithANote() throws IOException {
        MetricsCsv csv = MetricsCsv.create(run.resolve("metrics.csv"), "step", "loss");
        for (int i = 1; i <= 50; i++) {
            csv.append(i, 1.0 / i);
        }
        String html = Files.readString(HtmlReport.forRun(run).maxCsvRows(10).write());
        assertThat(html).contains("50 rows; showing the first 5 and the last 5 (40 omitted")
                .contains("<td>5</td>", "<td>46</td>", "… 40 rows omitted …")
                .doesNotContain("<td>6</td>", "<td>45</td>");
    }

    @Test
    void anEmptyRunFolderStillGivesAPage() throws IOException {
        String html = Files.readString(HtmlReport.forRun(run).write());
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<h1>").doesNotContain("<h2>").endsWith("</html>\n");
    }

    /** Writes JSON the way RunDirectory does, without opening a run folder (and its log appender). */
    private static final class ObjectWriterForTest {
        void write(Path file, Object value) throws IOException {
            Files.writeString(file, new com.fasterxml.jackson.databind.ObjectMapper()
                    .writerWithDefaultPrettyPrinter().writeValueAsString(value));
        }
    }
}
