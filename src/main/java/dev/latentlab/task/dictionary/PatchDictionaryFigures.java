package dev.latentlab.task.dictionary;

import dev.latentlab.data.ImageSet;
import dev.latentlab.patches.PatchCodebook;
import dev.latentlab.patches.SparseDictionary;
import dev.latentlab.patches.DictionaryMethod;
import dev.latentlab.report.HeatMap;
import dev.latentlab.report.ImageGrid;
import dev.latentlab.report.ImageStack;
import dev.latentlab.report.LinePlot;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The PNG figures of a patch-dictionary run: MSE vs K, the methods compared, centroid/atom atlases, patch examples,
 * reconstructions and the code weights of one patch.
 */
public final class PatchDictionaryFigures {
    static final String MSE_VS_K = "mse_vs_k.png";
    static final String COMPARISON = "compare_mse_vs_k.png";
    static final String RECON_TRAIN = "reconstruction_train.png";
    static final String RECON_TEST = "reconstruction_test.png";
    static final String NOVEL = "novel_images.png";
    static final int MAX_CURVES = 10;
    private static final Color[] METHOD_COLOURS = {new Color(0x1F77B4), new Color(0xFF7F0E), new Color(0x2CA02C),
            new Color(0xD62728), new Color(0x9467BD)};

    private static final Pattern TAGGED = Pattern.compile(
            "(atlas|patch_examples|code_weights)_(?:(.+)_)?k(\\d+)\\.png");
    private static final Pattern ITERATIONS = Pattern.compile("mse_vs_iteration_(.+)\\.png");

    private PatchDictionaryFigures() {
    }

    /** What the figure {@code file} of a patch-dictionary run shows, for the report; null for a file not drawn here. */
    public static String caption(String file) {
        switch (file) {
            case MSE_VS_K:
                return "Error against K, per pixel on the 0..255 scale: the training patches, the test patches and the "
                        + "test digits rebuilt from their patches; the elbow of the test MSE is marked.";
            case COMPARISON:
                return "Error against K for each method, per pixel on the 0..255 scale: the test patches (solid) and "
                        + "the test digits rebuilt from them (dashed).";
            case RECON_TEST:
                return "Test digits (top row) rebuilt from the dictionary's patches, one row per method and K.";
            case RECON_TRAIN:
                return "Training digits (top row) rebuilt from the dictionary's patches, one row per method and K.";
            case NOVEL:
                return "The shipped pictures that are not digits (top row) rebuilt from the digits' dictionaries, one "
                        + "row per method and K.";
            default:
                break;
        }
        Matcher m = TAGGED.matcher(file);
        if (m.matches()) {
            String which = (m.group(2) == null ? "" : m.group(2) + ", ") + "K = " + m.group(3);
            return switch (m.group(1)) {
                case "atlas" -> "The dictionary's patches (" + which + "), the most used first.";
                case "patch_examples" -> "Test patches (top row) and the dictionary's patch that stands for each "
                        + "(bottom row), " + which + ".";
                default -> "One test patch's sparse code (" + which + "): the weight of each atom, and the patch "
                        + "rebuilt by every method.";
            };
        }
        m = ITERATIONS.matcher(file);
        return m.matches() ? "Training MSE after each iteration of " + m.group(1) + ", one line per K (at most "
                + MAX_CURVES + " K)." : null;
    }

    static String atlasFile(String tag) {
        return "atlas_" + tag + ".png";
    }

    static String patchExamplesFile(String tag) {
        return "patch_examples_" + tag + ".png";
    }

    static String mseVsIterationFile(DictionaryMethod method) {
        return "mse_vs_iteration_" + method.configName() + ".png";
    }

    /**
     * The source document's error-against-iteration figure: training MSE after each iteration (mini-batch: each logged batch)
     * of one method, one line per K; at most {@value #MAX_CURVES} K spread over the list so that it
     * stays readable (first and last always).
     *
     * @param curves K → {iterations, mse}, in K order
     */
    static void mseVsIteration(Path file, DictionaryMethod method, Map<Integer, double[][]> curves)
            throws IOException {
        List<Integer> ks = new ArrayList<>(curves.keySet());
        int shown = Math.min(MAX_CURVES, ks.size());
        LinePlot plot = LinePlot.titled(method.configName() + ": training MSE vs iteration")
                .axes(method == DictionaryMethod.MINIBATCH ? "mini-batch" : "iteration", "MSE per pixel (0..255 scale)");
        for (int i = 0; i < shown; i++) {
            int k = ks.get(shown == 1 ? 0 : (int) Math.round(i * (ks.size() - 1.0) / (shown - 1)));
            double[][] c = curves.get(k);
            plot.series("K=" + k, c[0], c[1]);
        }
        plot.size(1000, 650).writePng(file);
    }

    static String codeWeightsFile(String tag) {
        return "code_weights_" + tag + ".png";
    }

    /** Train, test and reconstruction MSE against K of one method, with the elbow of the test MSE marked. */
    static void mseVsK(Path file, String title, List<KFitSummary> results, int elbowIndex) throws IOException {
        int n = results.size();
        double[] k = new double[n], train = new double[n], test = new double[n], recon = new double[n];
        for (int i = 0; i < n; i++) {
            KFitSummary r = results.get(i);
            k[i] = r.k();
            train[i] = r.trainMse();
            test[i] = r.testMse();
            recon[i] = r.reconMse();
        }
        LinePlot plot = LinePlot.titled(title)
                .axes("K (centroids)", "MSE per pixel (0..255 scale)")
                .series("train patches", k, train)
                .series("test patches", k, test)
                .series("test digits (reconstruction)", k, recon);
        if (n > 1 && k[n - 1] / k[0] >= 10) {
            plot.logX();
        }
        if (n >= 3) {
            plot.highlight(k[elbowIndex], test[elbowIndex], "elbow K=" + results.get(elbowIndex).k());
        }
        plot.writePng(file);
    }

    /**
     * Test-patch MSE (solid) and test-digit reconstruction MSE (dashed) against K, one colour per method, log
     * scales, on one plot.
     */
    static void comparison(Path file, List<KFitSummary> results, String tiling) throws IOException {
        Map<DictionaryMethod, List<KFitSummary>> byMethod = new LinkedHashMap<>();
        for (KFitSummary r : results) {
            byMethod.computeIfAbsent(r.method(), m -> new ArrayList<>()).add(r);
        }
        LinePlot plot = LinePlot.titled("Reconstruction error vs K (test patches solid, test digits dashed, "
                        + tiling + " tiling)")
                .axes("K (centroids / atoms)", "MSE per pixel (0..255 scale)").logX().logY();
        int m = 0;
        for (Map.Entry<DictionaryMethod, List<KFitSummary>> e : byMethod.entrySet()) {
            List<KFitSummary> rs = e.getValue();
            double[] k = rs.stream().mapToDouble(KFitSummary::k).toArray();
            double[] test = rs.stream().mapToDouble(KFitSummary::testMse).toArray();
            double[] recon = rs.stream().mapToDouble(KFitSummary::reconMse).toArray();
            Color colour = METHOD_COLOURS[m++ % METHOD_COLOURS.length];
            plot.series(e.getKey().configName() + ": test patches", k, test, colour, false);
            plot.series(e.getKey().configName() + ": test digits", k, recon, colour, true);
        }
        plot.size(1000, 650).writePng(file);
    }

    /** All elements of a codebook in a square grid, most used first (atoms, which are signed, each stretched). */
    static void atlas(Path file, PatchCodebook codebook) throws IOException {
        List<float[]> cells = new ArrayList<>(codebook.k());
        boolean atoms = codebook instanceof SparseDictionary;
        for (int c : codebook.byUsage()) {
            cells.add(atoms ? codebook.element(c) : unit(codebook.element(c)));
        }
        int upscale = codebook.k() <= 400 ? 6 : codebook.k() <= 2500 ? 3 : 2;
        int s = codebook.patchSize();
        ImageGrid.builder(s, s).upscale(upscale).padding(1).normalizeEachCell(atoms).square(cells).build().writePng(file);
    }

    /** A row of original patches over a row of their approximations ({@code approximations} N x D, 0..255). */
    static void patchExamples(Path file, List<float[]> originals, float[] approximations, String label, int size)
            throws IOException {
        int dim = size * size;
        List<float[]> top = new ArrayList<>(), coded = new ArrayList<>();
        for (int i = 0; i < originals.size(); i++) {
            top.add(unit(originals.get(i)));
            coded.add(unit(java.util.Arrays.copyOfRange(approximations, i * dim, (i + 1) * dim)));
        }
        ImageGrid.builder(size, size).upscale(8).padding(2)
                .row("original", top)
                .row(label, coded)
                .build().writePng(file);
    }

    /**
     * The source document's code-weights figure (its Fig. 7): a patch and its reconstructions on top, then one heat map of its
     * K code weights per coding (e.g. more sparse, T = 1, over less sparse), laid out like the atoms, each cell
     * showing its atom.
     *
     * @param patch           the patch, 0..255
     * @param reconstructions label → the patch's reconstruction (0..255), in order
     * @param codes           heat-map title → the patch's K weights, top to bottom
     */
    static void codeWeights(Path file, float[] patch, Map<String, float[]> reconstructions, Map<String, float[]> codes,
                            SparseDictionary dictionary) throws IOException {
        int s = dictionary.patchSize();
        List<String> titles = new ArrayList<>(List.of("patch"));
        List<float[]> cells = new ArrayList<>(List.of(unit(patch)));
        for (Map.Entry<String, float[]> e : reconstructions.entrySet()) {
            titles.add(e.getKey());
            cells.add(unit(e.getValue()));
        }
        List<java.awt.image.BufferedImage> parts = new ArrayList<>();
        parts.add(ImageGrid.builder(s, s).upscale(18).padding(10).fontSize(13).columnTitles(titles).row(cells)
                .build().toImage());
        List<float[]> atoms = new ArrayList<>(dictionary.k());
        for (int a = 0; a < dictionary.k(); a++) {
            atoms.add(stretch(dictionary.element(a)));
        }
        int columns = Math.max(1, (int) Math.ceil(Math.sqrt(dictionary.k())));
        for (Map.Entry<String, float[]> e : codes.entrySet()) {
            parts.add(HeatMap.of(e.getValue(), columns).title(e.getKey()).pictures(atoms, s, s).toImage());
        }
        ImageStack.writePng(file, parts, 8);
    }

    /**
     * Example images (first row) and their reconstructions (0..255 floats, image after image), one labelled row
     * per entry, each cell upscaled {@code upscale} times.
     */
    public static void reconstructions(Path file, ImageSet images, Map<String, float[]> rows, int upscale)
            throws IOException {
        int size = images.imageSize();
        List<float[]> originals = new ArrayList<>();
        for (int i = 0; i < images.count(); i++) {
            float[] img = new float[size];
            for (int p = 0; p < size; p++) {
                img[p] = (images.pixels()[i * size + p] & 0xff) / 255f;
            }
            originals.add(img);
        }
        ImageGrid.Builder grid = ImageGrid.builder(images.height(), images.width()).upscale(upscale).padding(2)
                .row("original", originals);
        for (Map.Entry<String, float[]> e : rows.entrySet()) {
            List<float[]> row = new ArrayList<>();
            for (int i = 0; i < images.count(); i++) {
                row.add(unit(java.util.Arrays.copyOfRange(e.getValue(), i * size, (i + 1) * size)));
            }
            grid.row(e.getKey(), row);
        }
        grid.build().writePng(file);
    }

    private static float[] unit(float[] pixels) {
        float[] out = new float[pixels.length];
        for (int i = 0; i < pixels.length; i++) {
            out[i] = pixels[i] / 255f;
        }
        return out;
    }

    /** The values stretched from their own min..max to 0..1 (a constant picture becomes mid-grey). */
    private static float[] stretch(float[] values) {
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (float v : values) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = max > min ? (values[i] - min) / (max - min) : 0.5f;
        }
        return out;
    }
}
