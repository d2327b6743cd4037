package dev.latentlab.task.latentmixture;

import dev.latentlab.latent.LatentProjection;
import dev.latentlab.mixture.GaussianMixture;
import dev.latentlab.mixture.MixtureClassifier;
import dev.latentlab.report.ScatterPlot;
import dev.latentlab.rng.RandomStreams;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/** {@code latent_space.png}: the codes a mixture was fitted on, by label, with the components (vae_gmm, latent_gmm). */
public final class LatentSpaceFigure {
    public static final String FILE = "latent_space.png";
    public static final String CAPTION = "The training images' codes, coloured by their true label and projected to two dimensions; "
                    + "each ellipse is one mixture component at 2 sigma.";

    private LatentSpaceFigure() {
    }

    /**
     * A seeded sample of codes ({@code space}: the latent means or their embedding) coloured by label, with each mixture component's 2σ ellipse (in the plane of
     * {@code projection} when the latent space has more than two dimensions).
     */
    public static void draw(Path file, double[][] z, int[] labels, MixtureClassifier classifier,
                                   LatentProjection projection, String space, int points, long seed)
            throws IOException {
        int[] order = RandomStreams.random(seed, "figure.latent_space").ints(0, z.length).distinct().limit(Math.min(points, z.length)).toArray();
        TreeMap<Integer, List<double[]>> byLabel = new TreeMap<>();
        for (int i : order) {
            byLabel.computeIfAbsent(labels[i], l -> new ArrayList<>()).add(projection.project(z[i]));
        }
        boolean pca = z[0].length > 2;
        ScatterPlot plot = ScatterPlot.titled(space + " with GMM components (2 sigma)"
                        + (pca ? " - PCA projection of " + z[0].length + "-D codes" : ""))
                .axes(pca ? "PC 1" : "z1", pca ? "PC 2" : "z2");
        for (var e : byLabel.entrySet()) {
            double[] xs = e.getValue().stream().mapToDouble(p -> p[0]).toArray();
            double[] ys = e.getValue().stream().mapToDouble(p -> p[1]).toArray();
            plot.points("digit " + e.getKey(), xs, ys);
        }
        GaussianMixture gmm = classifier.model();
        for (int c = 0; c < gmm.components(); c++) {
            double[][] e = LatentProjection.ellipse(projection.project(gmm.means()[c]),
                    projection.project(gmm.covariances()[c]), 2.0, 72);
            plot.outline("component " + c + " (" + classifier.mapping().labelOf(c) + ")", e[0], e[1]);
        }
        plot.writePng(file);
    }
}
