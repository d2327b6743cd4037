package dev.latentlab.task.quantize;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.latentlab.config.ConfigYaml;
import dev.latentlab.config.QuantizeConfig;
import dev.latentlab.data.NpyArray;
import dev.latentlab.data.NpzWriter;
import dev.latentlab.data.RgbImage;
import dev.latentlab.data.RgbImageLoader;
import dev.latentlab.mixture.GmmOptions;
import dev.latentlab.quantize.ColourQuantizer;
import dev.latentlab.quantize.ColourStats;
import dev.latentlab.quantize.Quantization;
import dev.latentlab.quantize.QuantizeMethod;
import dev.latentlab.quantize.QuantizeOptions;
import dev.latentlab.report.HtmlReport;
import dev.latentlab.report.MetricsCsv;
import dev.latentlab.report.RunDirectory;
import dev.latentlab.store.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code quantize} task: loads each picture, quantizes it with every configured method at every palette size,
 * and writes the quantized PNGs, the side-by-side figure, palette swatches (and the palettes as .npz for numpy
 * users), colour-plane scatter plots, metrics.csv, summary.json and report.html into the run folder.
 */
public final class QuantizePipeline {
    private static final Logger LOG = LoggerFactory.getLogger(QuantizePipeline.class);
    static final List<String> CSV_COLUMNS = List.of("image", "method", "k", "mse", "psnr", "seconds", "iterations",
            "colours_used", "palette_bytes", "index_bytes", "compressed_bytes", "raw_bytes", "compression_ratio");

    private final QuantizeConfig config;

    public QuantizePipeline(QuantizeConfig config) {
        this.config = config;
    }

    /** One picture of the run. */
    public record ImageSummary(@JsonProperty("image") String image, @JsonProperty("file") String file,
                               @JsonProperty("width") int width, @JsonProperty("height") int height,
                               @JsonProperty("pixels") int pixels, @JsonProperty("distinct_colours") int distinctColours,
                               @JsonProperty("raw_bytes") long rawBytes) {
    }

    /** One (picture, method, K) result. */
    public record Result(@JsonProperty("image") String image, @JsonProperty("method") String method,
                         @JsonProperty("k") int k, @JsonProperty("mse") double mse, @JsonProperty("psnr") double psnr,
                         @JsonProperty("seconds") double seconds, @JsonProperty("iterations") int iterations,
                         @JsonProperty("colours_used") int coloursUsed,
                         @JsonProperty("compressed_bytes") long compressedBytes,
                         @JsonProperty("compression_ratio") double compressionRatio,
                         @JsonProperty("png") String png) {
    }

    /** The summary.json of a run. */
    public record Summary(@JsonProperty("name") String name, @JsonProperty("task") String task,
                          @JsonProperty("seed") long seed, @JsonProperty("threads") int threads,
                          @JsonProperty("images") List<ImageSummary> images,
                          @JsonProperty("results") List<Result> results,
                          @JsonProperty("seconds_total") double secondsTotal) {
    }

    /** Runs the task; returns the run folder. Missing or unreadable pictures are reported before it is made. */
    public Path run() throws IOException {
        long start = System.nanoTime();
        Map<String, RgbImage> images = new LinkedHashMap<>();
        Map<String, String> files = new LinkedHashMap<>();
        for (String file : config.images()) {
            RgbImage image = RgbImageLoader.load(Path.of(file));
            String stem = uniqueStem(Path.of(file), images.keySet());
            images.put(stem, image);
            files.put(stem, file);
        }
        try (RunDirectory run = RunDirectory.create(Path.of(config.output().runsDir()), config.name())) {
            return run.execute(() -> runIn(run, images, files, start));
        }
    }

    /** The steps of the task, in its run folder: every picture quantized by every method at every K. */
    private Path runIn(RunDirectory run, Map<String, RgbImage> images, Map<String, String> files, long start)
            throws IOException {
        run.writeConfig(ConfigYaml.toYaml(config));
        LOG.info("run folder {}", run.path());
        int threads = config.kmeans().threads() > 0 ? config.kmeans().threads()
                : Runtime.getRuntime().availableProcessors();
        QuantizeOptions options = options(config, threads);
        List<QuantizeMethod> methods = config.methods();
        MetricsCsv metrics = MetricsCsv.create(run.resolve(MetricsCsv.DEFAULT_FILE), CSV_COLUMNS);
        List<ImageSummary> imageSummaries = new ArrayList<>();
        List<Result> results = new ArrayList<>();
        List<String> figures = new ArrayList<>();
        ColourQuantizer.warmUp();
        for (Map.Entry<String, RgbImage> entry : images.entrySet()) {
            String stem = entry.getKey();
            RgbImage image = entry.getValue();
            int distinct = ColourStats.distinctColours(image.pixels());
            imageSummaries.add(new ImageSummary(stem, files.get(stem), image.width(), image.height(),
                    image.pixelCount(), distinct, ColourStats.rawBytes(image.pixelCount())));
            LOG.info("{}: {}x{} pixels, {} distinct colours", files.get(stem), image.width(), image.height(), distinct);
            Map<QuantizeMethod, Map<Integer, Quantization>> byMethod = quantize(run, stem, image, distinct, methods,
                    options, metrics, results);
            if (!byMethod.isEmpty()) {
                figures.addAll(imageFigures(run, stem, image, methods, byMethod));
            }
        }
        double total = (System.nanoTime() - start) / 1e9;
        run.writeSummary(new Summary(config.name(), QuantizeConfig.TASK, config.seed(), threads, imageSummaries,
                results, total));
        HtmlReport.forRun(run.path()).title("Colour quantization: " + config.name()).imageOrder(figures)
                .captions(QuantizeFigures::caption).write();
        LOG.info("done in {} s: {}", String.format(Locale.ROOT, "%.1f", total), run.resolve(HtmlReport.FILE));
        return run.path();
    }

    /**
     * One picture quantized by every method at every K it has pixels for: each quantized picture written, a
     * metrics.csv row and a result per method and K; returns the quantizations by method and K.
     */
    private Map<QuantizeMethod, Map<Integer, Quantization>> quantize(RunDirectory run, String stem, RgbImage image,
            int distinct, List<QuantizeMethod> methods, QuantizeOptions options, MetricsCsv metrics,
            List<Result> results) throws IOException {
        int n = image.pixelCount();
        Map<QuantizeMethod, Map<Integer, Quantization>> byMethod = new LinkedHashMap<>();
        try (ColourQuantizer quantizer = new ColourQuantizer(image.pixels(), options)) {
            for (int k : config.k()) {
                if (k > n) {
                    LOG.warn("{}: K={} is more than its {} pixels; skipped", stem, k, n);
                    continue;
                }
                if (k > distinct) {
                    LOG.warn("{}: K={} is above its {} distinct colours: the palette can use at most {}", stem, k,
                            distinct, distinct);
                }
                for (QuantizeMethod method : methods) {
                    Quantization q = quantizer.quantize(method, k);
                    byMethod.computeIfAbsent(method, m -> new TreeMap<>()).put(k, q);
                    String png = stem + "_" + method.configName() + "_k" + k + ".png";
                    AtomicFiles.writePng(run.resolve(png), image.withPixels(q.pixels()).toBufferedImage());
                    int used = ColourStats.distinctColours(q.pixels());
                    long compressed = ColourStats.compressedBytes(n, k);
                    double ratio = ColourStats.compressionRatio(n, k);
                    metrics.append(stem, method.configName(), k, q.mse(), q.psnr(), q.seconds(), q.iterations(),
                            used, 3L * k, compressed - 3L * k, compressed, ColourStats.rawBytes(n), ratio);
                    results.add(new Result(stem, method.configName(), k, q.mse(), q.psnr(), q.seconds(),
                            q.iterations(), used, compressed, ratio, png));
                    LOG.info(String.format(Locale.ROOT, "%s %s K=%d: MSE %.2f, PSNR %.2f dB, %.3f s, %d iterations,"
                                    + " %.2fx smaller than raw", stem, method.configName(), k, q.mse(), q.psnr(),
                            q.seconds(), q.iterations(), ratio));
                }
            }
        }
        return byMethod;
    }

    /** A picture's side-by-side grid, palettes (PNG and npz) and colour scatters; returns the figures' files. */
    private List<String> imageFigures(RunDirectory run, String stem, RgbImage image, List<QuantizeMethod> methods,
                                      Map<QuantizeMethod, Map<Integer, Quantization>> byMethod) throws IOException {
        List<Integer> ks = config.k().stream().filter(k -> k <= image.pixelCount()).toList();
        String side = stem + "_side_by_side.png";
        AtomicFiles.writePng(run.resolve(side),
                QuantizeFigures.sideBySide(image, ks, byMethod, config.report().cellWidth()));
        Map<String, NpyArray> paletteArrays = new LinkedHashMap<>();
        byMethod.forEach((method, byK) -> byK.forEach((k, q) ->
                paletteArrays.put(method.configName() + "_k" + k, NpyArray.ofFloat32(q.palette(), k, 3))));
        NpzWriter.write(run.resolve(stem + "_palettes.npz"), paletteArrays, NpzWriter.Compression.DEFLATED);
        String swatches = stem + "_palettes.png";
        AtomicFiles.writePng(run.resolve(swatches), QuantizeFigures.palettes(ks, byMethod));
        List<String> figures = new ArrayList<>(List.of(side, swatches));
        int scatterK = config.report().scatterK() != null && ks.contains(config.report().scatterK())
                ? config.report().scatterK() : ks.get(ks.size() - 1);
        for (QuantizeMethod method : methods) {
            Quantization q = byMethod.get(method).get(scatterK);
            String scatter = stem + "_scatter_" + method.configName() + "_k" + scatterK + ".png";
            AtomicFiles.writePng(run.resolve(scatter), QuantizeFigures.scatter(
                    stem + ": pixel colours and " + method.configName() + " centres, K=" + scatterK,
                    image, q.palette(), config.report().scatterSample(), config.seed()));
            figures.add(scatter);
        }
        return figures;
    }

    /** The quantizer options of a config. */
    static QuantizeOptions options(QuantizeConfig config, int threads) {
        QuantizeConfig.KMeans km = config.kmeans();
        QuantizeConfig.Gmm g = config.gmm();
        return new QuantizeOptions(km.maxIter(), km.tol(), km.batchSize(), km.maxNoImprovement(), km.fitSample(),
                new GmmOptions(1, g.covariance(), g.maxIter(), g.tol(), g.regCovar(), g.nInit(), g.init(), config.seed()),
                g.fitSample(), config.seed(), threads);
    }

    private static String uniqueStem(Path file, Set<String> taken) {
        String name = String.valueOf(file.getFileName());
        int dot = name.lastIndexOf('.');
        String stem = (dot > 0 ? name.substring(0, dot) : name).replaceAll("[^A-Za-z0-9._-]+", "_");
        String candidate = stem;
        for (int i = 2; taken.contains(candidate); i++) {
            candidate = stem + "-" + i;
        }
        return candidate;
    }
}
