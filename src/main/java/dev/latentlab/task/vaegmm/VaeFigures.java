package dev.latentlab.task.vaegmm;

import dev.latentlab.data.ImageTensors;
import dev.latentlab.latent.LatentClassifier;
import dev.latentlab.mixture.GaussianMixture;
import dev.latentlab.mixture.MixtureClassifier;
import dev.latentlab.report.ImageGrid;
import dev.latentlab.report.LinePlot;
import dev.latentlab.rng.RandomStreams;
import dev.latentlab.task.latentmixture.LatentSpaceFigure;
import dev.latentlab.vae.EpochStats;
import dev.latentlab.vae.LossTerms;
import dev.latentlab.vae.VaeModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The PNG figures of a VAE + GMM run: loss curves, reconstructions, the latent space, component samples. */
public final class VaeFigures {
    public static final String LOSS = "loss.png";
    public static final String LOSS_TERMS = "loss_terms.png";
    public static final String RECONSTRUCTIONS = "reconstructions.png";
    public static final String SAMPLES = "samples.png";

    private VaeFigures() {
    }

    /** What the figure {@code file} of a VAE + GMM run shows, for the report; null for a file not drawn here. */
    public static String caption(String file) {
        return switch (file) {
            case LOSS -> "Training and validation loss per epoch (lower is better; the best validation epoch is the "
                    + "model kept).";
            case LOSS_TERMS -> "The loss split into its terms per epoch, training and validation: the reconstruction "
                    + "error and, for a VAE, the KL divergence of the codes from the prior.";
            case RECONSTRUCTIONS -> "Validation images (top row) and the autoencoder's reconstructions of them "
                    + "(bottom row).";
            case LatentSpaceFigure.FILE -> LatentSpaceFigure.CAPTION;
            case SAMPLES -> "Images decoded from samples of each mixture component: one row per component, with the "
                    + "label it stands for and its weight.";
            default -> null;
        };
    }

    /**
     * Training and validation loss per epoch; the reconstruction term and (a VAE's) KLD per epoch in a second
     * figure, named by {@code terms} (none without epochs).
     */
    static void lossCurves(Path dir, List<EpochStats> history, LossTerms terms) throws IOException {
        int n = history.size();
        if (n == 0) {
            return; // a resumed run with no epoch left to train: the curves are in the earlier runs' folders
        }
        double[] epoch = new double[n], train = new double[n], val = new double[n];
        double[] trainBce = new double[n], valBce = new double[n], trainKld = new double[n], valKld = new double[n];
        for (int i = 0; i < n; i++) {
            EpochStats s = history.get(i);
            epoch[i] = s.epoch();
            train[i] = s.train().loss();
            val[i] = s.validation().loss();
            trainBce[i] = s.train().bce();
            valBce[i] = s.validation().bce();
            trainKld[i] = s.train().kld();
            valKld[i] = s.validation().kld();
        }
        LinePlot.titled(terms.title()).axes("epoch", "loss")
                .series("train", epoch, train).series("validation", epoch, val).writePng(dir.resolve(LOSS));
        String r = terms.reconstruction();
        LinePlot plot = LinePlot.titled("Loss terms per image").axes("epoch", terms.kl() ? "nats" : "loss")
                .series("train " + r, epoch, trainBce).series("validation " + r, epoch, valBce);
        if (terms.kl()) {
            plot.series("train KLD", epoch, trainKld).series("validation KLD", epoch, valKld);
        }
        plot.writePng(dir.resolve(LOSS_TERMS));
    }

    /** Validation originals (top) and their deterministic reconstructions decode(μ) (bottom). */
    public static void reconstructions(Path file, INDArray originals, VaeModel vae) throws IOException {
        try (INDArray recon = vae.reconstruct(originals)) {
            int h = (int) originals.size(2), w = (int) originals.size(3);
            ImageGrid.builder(h, w).upscale(3).padding(2)
                    .row("original", ImageTensors.toImages(originals))
                    .row("reconstruction", ImageTensors.toImages(recon))
                    .build().writePng(file);
        }
    }

    /**
     * One row per mixture component of {@code model}: samples drawn from the component and decoded when the mixture
     * lives in the latent space; when it was fitted in a UMAP embedding (which cannot be decoded), a seeded pick of
     * the training digits the component claims, decoded from their latent means.
     */
    public static void componentSamples(Path file, LatentClassifier model, int perComponent, long seed)
            throws IOException {
        if (model.embedding() == null) {
            decodedSamples(file, model.vae(), model.classifier(), perComponent, seed);
        } else {
            claimedDigits(file, model.vae(), model.classifier(), model.embedding().embedding(),
                    model.embedding().reference(), perComponent, seed);
        }
    }

    private static void decodedSamples(Path file, VaeModel vae, MixtureClassifier classifier, int perComponent,
                                       long seed) throws IOException {
        GaussianMixture gmm = classifier.model();
        Random rng = RandomStreams.random(seed, "figure.samples");
        int h = vae.architecture().height(), w = vae.architecture().width();
        ImageGrid.Builder grid = ImageGrid.builder(h, w).upscale(2).padding(2);
        for (int c = 0; c < gmm.components(); c++) {
            double[][] z = gmm.sampleComponent(c, perComponent, rng);
            try (INDArray latent = Nd4j.create(z).castTo(DataType.FLOAT); INDArray images = vae.decode(latent)) {
                grid.row(String.format("c%d -> %d (w %.2f)", c, classifier.mapping().labelOf(c), gmm.weights()[c]),
                        ImageTensors.toImages(images));
            }
        }
        grid.build().writePng(file);
    }

    /** Rows of training digits claimed by each component ({@code x}: embedded codes, {@code z}: latent means). */
    private static void claimedDigits(Path file, VaeModel vae, MixtureClassifier classifier, double[][] x,
                                      double[][] z, int perComponent, long seed) throws IOException {
        GaussianMixture gmm = classifier.model();
        int[] component = gmm.predict(x);
        Random rng = RandomStreams.random(seed, "figure.claimed_digits");
        int h = vae.architecture().height(), w = vae.architecture().width();
        ImageGrid.Builder grid = ImageGrid.builder(h, w).upscale(2).padding(2);
        for (int c = 0; c < gmm.components(); c++) {
            final int comp = c;
            int[] members = java.util.stream.IntStream.range(0, x.length).filter(i -> component[i] == comp).toArray();
            if (members.length == 0) {
                continue;
            }
            double[][] picked = new double[Math.min(perComponent, members.length)][];
            for (int i = 0; i < picked.length; i++) {
                picked[i] = z[members[rng.nextInt(members.length)]];
            }
            try (INDArray latent = Nd4j.create(picked).castTo(DataType.FLOAT); INDArray images = vae.decode(latent)) {
                grid.row(String.format("c%d -> %d (w %.2f)", c, classifier.mapping().labelOf(c), gmm.weights()[c]),
                        ImageTensors.toImages(images));
            }
        }
        grid.build().writePng(file);
    }
}
