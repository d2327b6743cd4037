package dev.latentlab.vae;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.latentlab.mixture.MixturePrediction;
import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Says which inputs fit none of a model's classes: a {@link NoveltyScore} with its references, and the threshold
 * above which an image is flagged unknown, set when the model is trained at a quantile of the validation images'
 * scores (quantile 0.99: 1 % of validation images would be flagged).
 *
 * @param score      the novelty score
 * @param references what the score compares with (training latents, a mixture), null where it needs none
 * @param settings   the score's name, its parameter, the quantile and the threshold, as saved in model.json
 */
public record UnknownDetector(NoveltyScore score, NoveltyScore.References references, Settings settings) {

    /** The score every model is trained with (chosen by measurement: results.md, unknown inputs). */
    public static final NoveltyScore DEFAULT_SCORE = NoveltyScore.KNN;

    /** The neighbours the knn score averages over. */
    public static final int KNN_NEIGHBOURS = 5;

    /**
     * What model.json's {@code unknown} object holds.
     *
     * @param score             the score's key ({@link NoveltyScore#key})
     * @param neighbours        knn: neighbours averaged; 0 otherwise
     * @param quantile          the validation quantile the threshold was set at ({@code gmm.reject_quantile})
     * @param threshold         scores above it are flagged unknown
     * @param validationImages  the validation images the threshold was set on
     */
    public record Settings(@JsonProperty("score") String score, @JsonProperty("neighbours") int neighbours,
                           @JsonProperty("quantile") double quantile, @JsonProperty("threshold") double threshold,
                           @JsonProperty("validation_images") int validationImages) {
    }

    /** The scores and flags of a set of images. */
    public record Result(double[] scores, boolean[] unknown) {
        /** The share of the images flagged. */
        public double flaggedShare() {
            long n = 0;
            for (boolean u : unknown) {
                n += u ? 1 : 0;
            }
            return unknown.length == 0 ? 0 : n / (double) unknown.length;
        }
    }

    /**
     * The {@link #DEFAULT_SCORE} detector of a freshly trained model, its threshold at {@code quantile} of the
     * validation images' scores.
     *
     * @param trainMu the training latent means (the knn score's references)
     * @param valMu   the validation latent means
     * @param valLoss the validation images' {@link VaeModel#imageLoss} (null unless the score needs it)
     */
    public static UnknownDetector calibrate(LatentClassifier model, double[][] trainMu, double[][] valMu,
                                            double[][] valLoss, double quantile) {
        NoveltyScore score = DEFAULT_SCORE;
        NoveltyScore.References references = new NoveltyScore.References(
                score == NoveltyScore.KNN ? new LatentNeighbours(trainMu, Math.min(KNN_NEIGHBOURS, trainMu.length)) : null,
                null, model.classifier().model());
        NoveltyScore.Inputs validation = new NoveltyScore.Inputs(valLoss, valMu,
                score == NoveltyScore.MIXTURE_DENSITY ? model.mixtureInput(valMu) : null);
        return calibrate(score, references, score.of(validation, references), quantile);
    }

    /**
     * The detector of {@code score} whose threshold is the {@code quantile} of the validation images' scores
     * (linear interpolation between order statistics, ND4J's {@code percentileNumber}).
     */
    public static UnknownDetector calibrate(NoveltyScore score, NoveltyScore.References references,
                                            double[] validationScores, double quantile) {
        if (validationScores.length == 0) {
            throw new IllegalArgumentException("no validation scores");
        }
        double threshold;
        try (INDArray v = Nd4j.createFromArray(validationScores)) {
            threshold = v.percentileNumber(quantile * 100).doubleValue();
        }
        return new UnknownDetector(score, references, new Settings(score.key(),
                score == NoveltyScore.KNN ? KNN_NEIGHBOURS : 0, quantile, threshold, validationScores.length));
    }

    /** The settings of a model saved without a threshold: {@code score} with a NaN threshold (flags nothing). */
    static Settings uncalibrated(NoveltyScore score) {
        return new Settings(score.key(), score == NoveltyScore.KNN ? KNN_NEIGHBOURS : 0, Double.NaN, Double.NaN, 0);
    }

    /** False for a model saved without a threshold: it scores images but cannot flag them. */
    public boolean canFlag() {
        return !Double.isNaN(settings.threshold());
    }

    /** The scores and flags of {@code images} ([N, C, H, W] in [0, 1]) whose latent means are {@code mu}. */
    public Result apply(LatentClassifier model, INDArray images, double[][] mu) {
        double[] scores = score.of(score.inputs(model, images, mu), references);
        return flag(scores);
    }

    /** The classes and the unknown flags of a set of images. */
    public record Classified(MixturePrediction classes, Result unknown) {
    }

    /** Classifies {@code images} with {@code model} and scores them, encoding them once for both. */
    public Classified classify(LatentClassifier model, INDArray images) {
        double[][] mu = model.encode(images);
        return new Classified(model.classifier().classify(model.mixtureInput(mu)), apply(model, images, mu));
    }

    /** Flags the scores above the threshold. */
    public Result flag(double[] scores) {
        boolean[] unknown = new boolean[scores.length];
        for (int i = 0; i < scores.length; i++) {
            unknown[i] = scores[i] > settings.threshold();
        }
        return new Result(Arrays.copyOf(scores, scores.length), unknown);
    }
}
