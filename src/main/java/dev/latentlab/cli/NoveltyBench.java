package dev.latentlab.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.latentlab.data.ImageSet;
import dev.latentlab.data.ImageTensors;
import dev.latentlab.data.LatentsNpz;
import dev.latentlab.data.NpzReader;
import dev.latentlab.eval.Detection;
import dev.latentlab.latent.FeatureReference;
import dev.latentlab.latent.LatentClassifier;
import dev.latentlab.latent.LatentClassifierFiles;
import dev.latentlab.latent.LatentNeighbours;
import dev.latentlab.latent.NoveltyScore;
import dev.latentlab.latent.UnknownDetector;
import dev.latentlab.latent.ValidationLoss;
import dev.latentlab.mixture.GaussianMixture;
import dev.latentlab.mixture.GmmOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.nd4j.linalg.api.ndarray.INDArray;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench novelty}: every candidate novelty score of a saved vae_gmm model on a set of known and a set of
 * unknown images: the detection AUROC of each and the shares flagged at the 0.99 quantile of the scores of the
 * model's validation images ({@code latents.npz}, {@code validation_loss.npz}).
 */
@Command(name = "novelty", mixinStandardHelpOptions = true,
        description = {"Measures the candidate novelty scores of a vae_gmm model on known and unknown images.",
                "Prints one JSON line: per score its detection AUROC (unknown as positive) and the shares of each set "
                        + "above the --quantile of the validation images' scores (from the model folder's latents.npz "
                        + "and validation_loss.npz; the reconstruction scores have none for a model saved without "
                        + "validation_loss.npz)."})
final class NoveltyBench implements Callable<Integer> {
    @picocli.CommandLine.Mixin
    private ModelOption modelOption = new ModelOption();

    @Option(names = "--npz", required = true, paramLabel = "FILE", description = "Images of the model's classes.")
    private Path known;

    @Option(names = "--unknown", required = true, paramLabel = "FILE", description = "Images of other classes.")
    private Path unknown;

    @Option(names = "--k", paramLabel = "N", split = ",", description = "Neighbours of the knn score (default: ${DEFAULT-VALUE}).")
    private List<Integer> ks = List.of(1, 5, 20);

    @Option(names = "--latent-components", paramLabel = "N", split = ",",
            description = "Components of the latent_density mixture (default: ${DEFAULT-VALUE}).")
    private List<Integer> components = List.of(3, 10, 30);

    @Option(names = "--quantile", paramLabel = "Q", description = "Validation quantile of the threshold (default: ${DEFAULT-VALUE}).")
    private double quantile = 0.99;

    @Override
    public Integer call() throws Exception {
        if (!(quantile > 0 && quantile <= 1) || ks.stream().anyMatch(k -> k < 1) || components.stream().anyMatch(c -> c < 1)) {
            throw new dev.latentlab.BadInputException("bench novelty: --quantile must be in (0, 1], --k and "
                    + "--latent-components >= 1");
        }
        Path dir = modelOption.checkedDir();
        ImageSet in = NpzReader.readImages(known, null, null);
        ImageSet out = NpzReader.readImages(unknown, null, null);
        LatentsNpz latents = LatentsNpz.read(dir.resolve(LatentsNpz.FILE));
        LatentClassifier model = LatentClassifierFiles.load(dir);
        double[][] reference = FeatureReference.read(dir);   // null: no features score (a dense or older model)
        long start = System.nanoTime();
        NoveltyScore.Inputs inScores = inputs(model, in, reference != null);
        NoveltyScore.Inputs outScores = inputs(model, out, reference != null);
        double[][] valLoss = ValidationLoss.read(dir);   // null for a model saved before validation_loss.npz
        NoveltyScore.Inputs val = new NoveltyScore.Inputs(valLoss, latents.valMu(), model.mixtureInput(latents.valMu()),
                null);
        ObjectNode json = new ObjectMapper().createObjectNode();
        json.put("model", dir.toString());
        json.put("known_images", in.count());
        json.put("unknown_images", out.count());
        ObjectNode scores = json.putObject("scores");
        GaussianMixture own = model.classifier().model();
        for (NoveltyScore s : List.of(NoveltyScore.RECONSTRUCTION, NoveltyScore.ELBO)) {
            put(scores, s.key(), s, inScores, outScores, valLoss == null ? null : val, null);
        }
        for (int k : ks) {
            put(scores, "knn_k" + k, NoveltyScore.KNN, inScores, outScores, val,
                    new NoveltyScore.References(new LatentNeighbours(latents.trainMu(), k), null, null));
        }
        for (int c : components) {
            GaussianMixture g = GaussianMixture.fit(latents.trainMu(), new GmmOptions(c,
                    dev.latentlab.mixture.CovarianceType.FULL, 200, 1e-3, 1e-6, 1, GmmOptions.Init.KMEANS, 42));
            put(scores, "latent_density_k" + c, NoveltyScore.LATENT_DENSITY, inScores, outScores, val,
                    new NoveltyScore.References(null, g, null));
        }
        put(scores, NoveltyScore.MIXTURE_DENSITY.key(), NoveltyScore.MIXTURE_DENSITY, inScores, outScores, val,
                new NoveltyScore.References(null, null, own));
        // the validation features are not kept: only the model's own k has a threshold
        UnknownDetector.Settings saved = LatentClassifierFiles.unknownSettings(dir);
        for (int k : reference == null ? List.<Integer>of() : ks) {
            NoveltyScore.References refs = new NoveltyScore.References(new LatentNeighbours(reference, k), null, null);
            boolean modelsOwn = saved.score().equals(NoveltyScore.FEATURES.key()) && saved.neighbours() == k;
            Detection d = Detection.of(NoveltyScore.FEATURES.of(inScores, refs), NoveltyScore.FEATURES.of(outScores,
                    refs), modelsOwn ? saved.threshold() : Double.NaN);
            write(scores.putObject("features_k" + k), d, modelsOwn);
        }
        json.put("seconds", (System.nanoTime() - start) / 1e9);
        System.out.println(json);
        return ExitCode.OK;
    }

    private static NoveltyScore.Inputs inputs(LatentClassifier model, ImageSet images, boolean features) {
        try (INDArray x = ImageTensors.unit(images)) {
            double[][] mu = model.encode(x);
            return new NoveltyScore.Inputs(model.vae().imageLoss(x), mu, model.mixtureInput(mu),
                    features ? model.vae().encoderFeatures(x) : null);
        }
    }

    private void put(ObjectNode scores, String name, NoveltyScore score, NoveltyScore.Inputs in,
                     NoveltyScore.Inputs out, NoveltyScore.Inputs val, NoveltyScore.References refs) {
        double threshold = val == null ? Double.NaN
                : UnknownDetector.calibrate(score, refs, score.of(val, refs), quantile).settings().threshold();
        write(scores.putObject(name), Detection.of(score.of(in, refs), score.of(out, refs), threshold), val != null);
    }

    private static void write(ObjectNode node, Detection d, boolean thresholded) {
        node.put("auroc", d.auroc());
        if (thresholded) {
            node.put("threshold", d.threshold());
            node.put("known_flagged", d.knownFlagged());
            node.put("unknown_flagged", d.unknownFlagged());
        }
    }
}
