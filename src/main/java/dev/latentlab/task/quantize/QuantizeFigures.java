package dev.latentlab.task.quantize;

import dev.latentlab.data.RgbImage;
import dev.latentlab.quantize.ColourStats;
import dev.latentlab.quantize.Quantization;
import dev.latentlab.quantize.QuantizeMethod;
import dev.latentlab.report.ColourScatter;
import dev.latentlab.report.PaletteSwatches;
import dev.latentlab.report.RgbGrid;
import dev.latentlab.rng.RandomStreams;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The quantize run's figures as images (writing them is the pipeline's job). */
final class QuantizeFigures {
    private static final Pattern FILE = Pattern.compile(
            "(.+?)_(scatter_)?(" + String.join("|", Arrays.stream(QuantizeMethod.values())
                    .map(QuantizeMethod::configName).sorted(Comparator.comparing(String::length).reversed())
                    .toList()) + ")_k(\\d+)\\.png");

    private QuantizeFigures() {
    }

    /** What the figure {@code file} of a quantize run shows, for the report; null for a file not drawn here. */
    static String caption(String file) {
        if (file.endsWith("_side_by_side.png")) {
            return file.substring(0, file.length() - "_side_by_side.png".length())
                    + ": the original (top), then one row per method and one column per K.";
        }
        if (file.endsWith("_palettes.png")) {
            return file.substring(0, file.length() - "_palettes.png".length())
                    + ": each method's palette for each K (GMM sampling: its component means).";
        }
        Matcher m = FILE.matcher(file);
        if (!m.matches()) {
            return null;
        }
        return m.group(2) == null ? m.group(1) + " reduced to " + m.group(4) + " colours by " + m.group(3) + "."
                : m.group(1) + ", " + m.group(3) + ", K = " + m.group(4) + ": a sample of pixels on the R-G, R-B and "
                        + "G-B planes in their own colours, the method's colours ringed.";
    }

    /** Original in the first row, then one row per method with one column per K. */
    static BufferedImage sideBySide(RgbImage original, List<Integer> ks, Map<QuantizeMethod, Map<Integer, Quantization>> results,
                                    int cellWidth) {
        List<String> titles = new ArrayList<>();
        for (int k : ks) {
            titles.add("K=" + k);
        }
        int width = Math.min(cellWidth, original.width());
        RgbGrid grid = new RgbGrid(width).columns(titles);
        grid.row("original", List.of(original.toBufferedImage()));
        results.forEach((method, byK) -> {
            List<BufferedImage> row = new ArrayList<>();
            for (int k : ks) {
                Quantization q = byK.get(k);
                row.add(q == null ? null : original.withPixels(q.pixels()).toBufferedImage());
            }
            grid.row(method.configName(), row);
        });
        return grid.toImage();
    }

    /** One swatch row per method and K (GMM sampling shows its component means). */
    static BufferedImage palettes(List<Integer> ks, Map<QuantizeMethod, Map<Integer, Quantization>> results) {
        int largest = ks.get(ks.size() - 1);
        PaletteSwatches swatches = new PaletteSwatches(Math.min(32, largest));
        results.forEach((method, byK) -> {
            for (int k : ks) {
                Quantization q = byK.get(k);
                if (q != null) {
                    swatches.palette(method.configName() + " K=" + k, packed(q.palette()));
                }
            }
        });
        return swatches.toImage();
    }

    /** R-G, R-B and G-B planes of a seeded pixel sample in its own colours, with the palette marked. */
    static BufferedImage scatter(String title, RgbImage original, float[] palette, int sample, long seed) {
        int n = original.pixelCount();
        int m = Math.min(sample, n);
        Random rng = RandomStreams.random(seed, "figure.scatter");
        double[][] ch = new double[3][m];
        int[] rgb = new int[m];
        float[] px = original.pixels();
        for (int i = 0; i < m; i++) {
            int p = m == n ? i : rng.nextInt(n);
            for (int d = 0; d < 3; d++) {
                ch[d][i] = px[3 * p + d];
            }
            rgb[i] = pack(px, 3 * p);
        }
        int k = palette.length / 3;
        double[][] c = new double[3][k];
        for (int j = 0; j < k; j++) {
            for (int d = 0; d < 3; d++) {
                c[d][j] = palette[3 * j + d];
            }
        }
        int[] crgb = packed(palette);
        return new ColourScatter(title)
                .panel("R", "G", ch[0], ch[1], rgb, c[0], c[1], crgb)
                .panel("R", "B", ch[0], ch[2], rgb, c[0], c[2], crgb)
                .panel("G", "B", ch[1], ch[2], rgb, c[1], c[2], crgb)
                .toImage();
    }

    static int[] packed(float[] colours) {
        int[] out = new int[colours.length / 3];
        for (int i = 0; i < out.length; i++) {
            out[i] = pack(colours, 3 * i);
        }
        return out;
    }

    private static int pack(float[] px, int at) {
        return (ColourStats.channel(px[at]) << 16) | (ColourStats.channel(px[at + 1]) << 8) | ColourStats.channel(px[at + 2]);
    }
}
