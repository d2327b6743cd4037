package dev.latentlab.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * A run folder's report.html parsed (jsoup) for the checks every report must pass: the headline comes first, every
 * figure's file is in the folder, no block of numbers is printed twice, and the numbers are rounded.
 */
public final class ReportPage {
    private static final Pattern DECIMAL = Pattern.compile("-?[\\d,]*\\.\\d+");

    private final Path dir;
    private final Document page;

    private ReportPage(Path dir, Document page) {
        this.dir = dir;
        this.page = page;
    }

    /** The report of the run folder {@code dir}. */
    public static ReportPage of(Path dir) throws IOException {
        return new ReportPage(dir, Jsoup.parse(dir.resolve(HtmlReport.FILE).toFile(), "UTF-8"));
    }

    public Document document() {
        return page;
    }

    /** The headline's labels, in order. */
    public List<String> headlineLabels() {
        return page.select(".headline .metric .l").eachText();
    }

    /** The headline value under {@code label}. */
    public String headlineValue(String label) {
        for (Element metric : page.select(".headline .metric")) {
            if (metric.selectFirst(".l").text().equals(label)) {
                return metric.selectFirst(".v").ownText();
            }
        }
        throw new AssertionError("no headline " + label + " in " + headlineLabels());
    }

    /** The command shown to run it again. */
    public String rerun() {
        Element code = page.selectFirst(".rerun code");
        return code == null ? "" : code.text();
    }

    /** The file names of the page's figures, in page order. */
    public List<String> figureFiles() {
        return page.select("figure img").eachAttr("src").stream().map(s -> s.replaceFirst("^\\./", "")
                .replace("%20", " ")).toList();
    }

    /** The captions of the page's figures, without their number and file name. */
    public List<String> captions() {
        List<String> out = new ArrayList<>();
        for (Element c : page.select("figcaption")) {
            out.add(c.ownText().strip());
        }
        return out;
    }

    /** Checks the rules every report keeps (see the class comment). */
    public ReportPage checkRules() {
        Element body = page.body();
        Element headline = body.selectFirst(".headline, .banner");
        assertThat(headline).as("a headline (or an interrupted run's banner)").isNotNull();
        assertThat(headline.parent().tagName()).as("the headline is in the header, before any section").isEqualTo("header");
        assertThat(body.selectFirst("header + nav, header ~ main")).isNotNull();
        List<String> figures = figureFiles();
        assertThat(figures).as("no figure twice").doesNotHaveDuplicates();
        for (String f : figures) {
            assertThat(dir.resolve(f)).as("figure file " + f).isNotEmptyFile();
        }
        assertThat(captions()).as("every figure has a caption").allSatisfy(c -> assertThat(c).hasSizeGreaterThan(12));
        Map<String, Integer> blocks = new HashMap<>();
        for (Element block : page.select("main dl.kv, main table")) {
            if (block.select("dd, td").size() >= 4) {
                blocks.merge(block.text(), 1, Integer::sum);
            }
        }
        assertThat(blocks.entrySet()).as("a block of numbers printed twice").allSatisfy(e ->
                assertThat(e.getValue()).as(e.getKey()).isEqualTo(1));
        List<String> ids = page.select("[id]").eachAttr("id");
        assertThat(ids).doesNotHaveDuplicates();
        for (String href : page.select("a[href^=#]").eachAttr("href")) {
            assertThat(ids).as("link target " + href).contains(href.substring(1));
        }
        for (Element cell : page.select("main dd, main td, .headline .v")) {
            String text = cell.ownText();
            if (DECIMAL.matcher(text).matches()) {
                assertThat(significantDigits(text)).as("rounded: " + text).isLessThanOrEqualTo(ReportNumbers.DIGITS);
            }
        }
        return this;
    }

    private static int significantDigits(String decimal) {
        return decimal.replaceAll("[^0-9]", "").replaceFirst("^0+", "").length();
    }
}
