package dev.latentlab.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** report.html as a page for people, parsed: headline first, figures with captions and files, nothing twice. */
class ReportPageTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path run;

    @Test
    void aClassifierRunOpensWithTestAccuracyNmiAriRunTimeAndTheCommand() throws IOException {
        Map<String, Object> validation = classification("validation", 600, 0.98, 0.9007586283440313,
                List.of(List.of(214, 1, 4), List.of(3, 188, 2), List.of(1, 1, 186)));
        Map<String, Object> test = classification("mnist_t10k", 3091, 0.987706243934002, 0.9379992899524241,
                List.of(List.of(1120, 1, 14), List.of(2, 964, 16), List.of(0, 5, 969)));
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("name", "vae_148_quick");
        summary.put("train_images", 2400);
        summary.put("best_val_loss", 105.07830078125);
        summary.put("gmm_components", 3);
        summary.put("gmm_candidates", List.of(Map.of("components", 3, "val_accuracy", 0.98, "bic", 20354.863887834155)));
        summary.put("validation", validation);
        summary.put("evaluations", List.of(test));
        // one component per class with K = classes: the same numbers as the chosen mixture's
        summary.put("one_component_per_class", ordered("components", 3, "validation", validation,
                "evaluations", List.of(test)));
        summary.put("seconds_total", 1726.54892255);
        write(summary);
        Files.writeString(run.resolve("config.yaml"), "name: vae_148_quick\ntask: vae_gmm\n");
        png("loss.png", 900, 700);
        png("latent_space.png", 900, 700);

        HtmlReport.forRun(run).title("VAE + GMM vae_148_quick").imageOrder(List.of("loss.png", "latent_space.png"))
                .captions(f -> f.equals("loss.png") ? "Training and validation loss per epoch." : null).write();
        ReportPage page = ReportPage.of(run).checkRules();

        assertThat(page.headlineLabels()).containsExactly("test accuracy", "NMI", "ARI", "mixture components",
                "run time");
        assertThat(page.headlineValue("test accuracy")).isEqualTo("0.9877");
        assertThat(page.document().selectFirst(".headline .v").attr("title")).isEqualTo("0.987706243934002");
        assertThat(page.headlineValue("NMI")).isEqualTo("0.938");
        assertThat(page.headlineValue("run time")).isEqualTo("28 min 47 s");
        assertThat(page.rerun()).as("the run folder lies outside the working folder: its absolute path")
                .startsWith("java -jar ").endsWith(" --config " + run.toAbsolutePath().resolve("config.yaml"));
        // the confusion matrices as heat maps, beside their blocks; each figure once, with a caption
        assertThat(page.figureFiles()).containsExactly("loss.png", "latent_space.png", "confusion_validation.png",
                "confusion_evaluations_0.png");
        assertThat(ImageIO.read(run.resolve("confusion_validation.png").toFile()).getWidth()).isGreaterThan(300);
        assertThat(page.captions().get(0)).isEqualTo("Training and validation loss per epoch.");
        assertThat(page.captions().get(1)).isEqualTo("Latent space.");
        assertThat(page.captions().get(2)).startsWith("Confusion matrix of validation: rows are the true labels");
        // one component per class links to the blocks it repeats instead of printing them again
        Element once = page.document().getElementById("s-one-component-per-class");
        assertThat(once.select(".same")).hasSize(2);
        assertThat(once.select("table, figure")).isEmpty();
        assertThat(once.select(".same a").eachAttr("href")).containsExactly("#s-validation", "#s-evaluations");
        assertThat(page.document().select("table").stream().filter(t -> t.select("th").eachText().contains("precision")))
                .as("the per-class tables of validation and mnist_t10k, once each").hasSize(2);
        // numbers rounded to 4 significant digits, whole numbers exact; the full value in a tooltip
        assertThat(page.document().select("td[title=20354.863887834155]").text()).isEqualTo("20,350");
        assertThat(page.document().select("dd[title=105.07830078125]").text()).isEqualTo("105.1");
        assertThat(page.document().select("dt[title=train_images] + dd").text()).isEqualTo("2,400");
        assertThat(page.document().text()).doesNotContain("0.987706243934002", "confusion_matrix");
    }

    @Test
    void aDictionaryRunOpensWithItsLowestTestMseAndPsnr() throws IOException {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("name", "kmeans_quick");
        summary.put("task", "kmeans_patches");
        summary.put("patches_total", 665964);
        summary.put("results", List.of(
                ordered("method", "lloyd", "k", 16, "test_mse", 3596.2, "recon_psnr", 19.41),
                ordered("method", "lloyd", "k", 256, "test_mse", 1249.1234, "recon_psnr", 25.6123)));
        summary.put("elbow_k", 64);
        summary.put("elbow_metric", "test_mse");
        summary.put("seconds_total", 18.985794337);
        write(summary);
        Files.writeString(run.resolve("config.yaml"), "task: kmeans_patches\n");

        ReportPage page = ReportPage.of(HtmlReport.forRun(run).write().getParent()).checkRules();

        assertThat(page.headlineLabels()).containsExactly("lowest test MSE", "test digits rebuilt", "elbow K",
                "run time");
        assertThat(page.headlineValue("lowest test MSE")).isEqualTo("1,249");
        assertThat(page.headlineValue("test digits rebuilt")).isEqualTo("25.61");
        assertThat(page.headlineValue("elbow K")).isEqualTo("64");
        assertThat(page.headlineValue("run time")).isEqualTo("19 s");
        assertThat(page.document().select("dt[title=patches_total] + dd").text()).isEqualTo("665,964");
        assertThat(page.document().select("#s-results table tr")).hasSize(3);
    }

    @Test
    void aSweepIsRunAgainWithTheSweepCommandAndOpensWithItsBest() throws IOException {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("name", "sweep_k_quick");
        summary.put("task", "sweep");
        summary.put("objective", "results.0.test_mse");
        summary.put("direction", "minimize");
        summary.put("planned", 6);
        summary.put("complete", 6);
        summary.put("failed", 0);
        summary.put("seconds", 43.855090649);
        summary.put("best", Map.of("index", 5, "objective", 1253.511200070702, "parameters", Map.of("kmeans.k", 256)));
        Map<String, Object> metrics = new LinkedHashMap<>();
        for (int i = 0; i < 12; i++) {
            metrics.put("results." + i + ".test_mse", ordered("mean", 1000.0 + i, "sd", 1.5, "min", 999.0, "max", 1003.0));
        }
        summary.put("across_seeds", List.of(ordered("parameters", Map.of(), "seeds", List.of(1, 2, 3),
                "objective", ordered("mean", 1253.5, "sd", 2.25, "min", 1251.0, "max", 1256.0), "metrics", metrics)));
        write(summary);
        Files.writeString(run.resolve("config.yaml"), "task: sweep\nname: sweep_k_quick\n");

        ReportPage page = ReportPage.of(HtmlReport.forRun(run).write().getParent()).checkRules();

        assertThat(page.headlineLabels()).containsExactly("best results.0.test_mse", "mean over seeds",
                "candidates complete", "run time");
        assertThat(page.headlineValue("best results.0.test_mse")).isEqualTo("1,254");
        assertThat(page.document().selectFirst(".headline .d").text()).isEqualTo("minimized, kmeans.k = 256");
        assertThat(page.rerun()).contains(" sweep --config ");
        assertThat(page.headlineValue("mean over seeds")).isEqualTo("1,254");
        // 12 metrics x 4 statistics would be 48 columns: a table with a row per metric instead
        assertThat(page.document().select("#s-across-seeds table tr")).hasSize(1 + 12);
        assertThat(page.document().select("#s-across-seeds table tr").first().select("th")).hasSize(5);
        assertThat(page.document().select("#s-across-seeds table tr").first().select("th").eachText())
                .containsExactly("mean", "sd", "min", "max");    // after the column of metric names
    }

    @Test
    void anInterruptedRunSaysSoInItsHeader() throws IOException {
        write(Map.of("status", "interrupted", "progress", "after epoch 2 of 6", "resume", "run it again with --resume"));
        HtmlReport.forRun(run).banner("Run interrupted after epoch 2 of 6 (run it again with --resume).").write();

        ReportPage page = ReportPage.of(run).checkRules();

        assertThat(page.document().selectFirst("header .banner").text()).contains("interrupted", "--resume");
        assertThat(page.headlineLabels()).as("no numbers yet: the banner says where it stopped").isEmpty();
        assertThat(page.rerun()).isEmpty();     // no config.yaml yet
    }

    private static Map<String, Object> classification(String name, int count, double accuracy, double nmi,
                                                      List<List<Integer>> confusion) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("count", count);
        m.put("labels", List.of(1, 4, 8));
        m.put("accuracy", accuracy);
        m.put("nmi", nmi);
        m.put("ari", 0.9640917538554921);
        m.put("per_class", List.of(ordered("label", 1, "support", count / 3, "precision", 0.981651376146789),
                ordered("label", 4, "support", count / 3, "precision", 0.9894736842105263),
                ordered("label", 8, "support", count - 2 * (count / 3), "precision", 0.96875)));
        m.put("confusion_matrix", confusion);
        return m;
    }

    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }

    private void write(Object summary) throws IOException {
        Files.writeString(run.resolve("summary.json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(summary));
    }

    private void png(String name, int width, int height) throws IOException {
        ImageIO.write(new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB), "png", run.resolve(name).toFile());
    }
}
