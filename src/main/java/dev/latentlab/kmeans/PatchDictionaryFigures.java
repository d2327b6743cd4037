package dev.latentlab.kmeans;

import dev.latentlab.data.ImageSet;
import dev.latentlab.report.ImageGrid;
import dev.latentlab.report.LinePlot;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The PNG figures of a patch-dictionary run: MSE vs K, centroid atlas, patch examples, reconstructions. */
public final class PatchDictionaryFigures {
    static final String MSE_VS_K = "mse_vs_k.png";
    static final String RECON_TRAIN = "reconstruction_train.png";
    static final String RECON_TEST = "reconstruction_test.png";

    private PatchDictionaryFigures() {
    }

    static String atlasFile(int k) {
        return "atlas_k" + k + ".png";
    }

    static String patchExamplesFile(int k) {
        return "patch_examples_k" + k + ".png";
    }

    /** Train, test and reconstruction MSE against K with the elbow of the test MSE marked. */
    static void mseVsK(Path file, List<KFitSummary> results, int elbowIndex) throws IOException {
        int n = results.size();
        double[] k = new double[n], train = new double[n], test = new double[n], recon = new double[n];
        for (int i = 0; i < n; i++) {
            KFitSummary r = results.get(i);
            k[i] = r.k();
            train[i] = r.trainMse();
            test[i] = r.testMse();
            recon[i] = r.reconMse();
        }
        LinePlot plot = LinePlot.titled("Patch dictionary: MSE vs K")
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

    /** All centroids of a dictionary in a square grid, largest cluster first. */
    static void atlas(Path file, PatchDictionary dictionary) throws IOException {
        List<float[]> cells = new ArrayList<>(dictionary.k());
        for (int c : dictionary.bySize()) {
            cells.add(unit(dictionary.centroid(c)));
        }
        int upscale = dictionary.k() <= 400 ? 6 : dictionary.k() <= 2500 ? 3 : 2;
        int s = dictionary.patchSize();
        ImageGrid.builder(s, s).upscale(upscale).padding(1).square(cells).build().writePng(file);
    }

    /** Rows of original patches and their nearest centroids. */
    static void patchExamples(Path file, PatchMatrix patches, long[] rows, int[] labels, PatchDictionary dictionary)
            throws IOException {
        int s = dictionary.patchSize();
        List<float[]> originals = new ArrayList<>(), coded = new ArrayList<>();
        for (long r : rows) {
            float[] p = new float[s * s];
            patches.copyRow(r, p, 0);
            originals.add(unit(p));
            coded.add(unit(dictionary.centroid(labels[(int) r])));
        }
        ImageGrid.builder(s, s).upscale(8).padding(2)
                .row("original", originals)
                .row("K=" + dictionary.k(), coded)
                .build().writePng(file);
    }

    /**
     * Example digits (first row) and their reconstructions (0..255 floats, image after image) at each K, one row
     * per K, each cell upscaled {@code upscale} times.
     */
    public static void reconstructions(Path file, ImageSet digits, Map<Integer, float[]> byK, int upscale)
            throws IOException {
        int size = digits.imageSize();
        List<float[]> originals = new ArrayList<>();
        for (int i = 0; i < digits.count(); i++) {
            float[] img = new float[size];
            for (int p = 0; p < size; p++) {
                img[p] = (digits.pixels()[i * size + p] & 0xff) / 255f;
            }
            originals.add(img);
        }
        ImageGrid.Builder grid = ImageGrid.builder(digits.height(), digits.width()).upscale(upscale).padding(2)
                .row("original", originals);
        for (Map.Entry<Integer, float[]> e : byK.entrySet()) {
            List<float[]> row = new ArrayList<>();
            for (int i = 0; i < digits.count(); i++) {
                float[] img = new float[size];
                for (int p = 0; p < size; p++) {
                    img[p] = e.getValue()[i * size + p] / 255f;
                }
                row.add(img);
            }
            grid.row("K=" + e.getKey(), row);
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
}
