package dev.latentlab.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
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
        Document page = Jsoup.parse(html);

        assertThat(file.getFileName()).hasToString("report.html");
        assertThat(html).contains("<title>Report &lt;1&gt;</title>", "<h1>Report &lt;1&gt;</h1>")
                .contains("kmeans &lt;patches&gt; &amp; more").doesNotContain("<patches>")
                .contains("&lt;b&gt;bold&lt;/b&gt;").doesNotContain("<b>bold")
                .doesNotContain("missing.png");
        assertThat(page.select("#s-data dt[title=data.train_patches] + dd").text()).isEqualTo("20,074,704");
        assertThat(page.select("#s-run dt[title=ks] + dd").text()).isEqualTo("100, 2,000");
        assertThat(page.select("#s-results th").eachText()).containsExactlyInAnyOrder("K", "train MSE", "test MSE");
        assertThat(page.select("#s-results tr")).as("one row per item").hasSize(1 + 2);
        assertThat(page.select("#s-results td").eachText()).contains("2,000", "0.0105", "0.0111");
        assertThat(page.select("#s-metrics th").eachText()).containsExactly("iteration", "note");
        assertThat(page.select("#s-metrics td").eachText()).containsExactly("1", "<b>bold</b>");
        assertThat(page.select("#s-config pre").text()).isEqualTo("task: kmeans");
        // the named figure first, then the others by name
        assertThat(page.select("img").eachAttr("src")).containsExactly("./mse_vs_k.png", "./a.png", "./b.png",
                "./x%20y.png");
        assertThat(page.select("figcaption").eachText()).contains("Figure 4. X y. x y.png");
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
        assertThat(Jsoup.parse(html).select("td[title=0.020833333333333332]").text()).isEqualTo("0.02083");
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
