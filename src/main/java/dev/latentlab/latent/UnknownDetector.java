package dev.latentlab.latent;

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

    /**
     * The score a conv model is trained with (chosen by measurement: results.md, unknown inputs); a dense model,
     * which has no convolution, gets {@link #DENSE_SCORE}.
     */
    public static final NoveltyScore DEFAULT_SCORE = NoveltyScore.FEATURES;

    /** The score of a dense model, and of a model saved before {@link NoveltyScore#FEATURES} when it cannot flag. */
    public static final NoveltyScore DENSE_SCORE = NoveltyScore.KNN;

    /** The neighbours the knn and features scores average over. */
    public static final int KNN_NEIGHBOURS = 5;

    /**
     * What model.json's {@code unknown} object holds.
     *
     * @param score             the score's key ({@link NoveltyScore#key})
     * @param neighbours        knn, features: neighbours averaged; 0 otherwise
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
     * The detector of a freshly trained model, its threshold at {@code quantile} of the validation images'
     * scores: {@link #DEFAULT_SCORE} when the model has encoder features, else {@link #DENSE_SCORE}.
     *
     * @param trainMu       the training latent means (the knn score's references)
     * @param valMu         the validation latent means
     * @param trainFeatures a sample of the training images' {@link dev.latentlab.vae.VaeModel#encoderFeatures} (null for a dense model)
     * @param valFeatures   the validation images' encoder features (null for a dense model)
     */
    public static UnknownDetector calibrate(double[][] trainMu, double[][] valMu, double[][] trainFeatures,
                                            double[][] valFeatures, double quantile) {
        NoveltyScore score = trainFeatures == null ? DENSE_SCORE : DEFAULT_SCORE;
        double[][] reference = score == NoveltyScore.FEATURES ? trainFeatures : trainMu;
        NoveltyScore.References references = new NoveltyScore.References(
                new LatentNeighbours(reference, Math.min(KNN_NEIGHBOURS, reference.length)), null, null);
        NoveltyScore.Inputs validation = new NoveltyScore.Inputs(null, valMu, null, valFeatures);
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
                neighbours(score), quantile, threshold, validationScores.length));
    }

    /** The settings of a model saved without a threshold: {@code score} with a NaN threshold (flags nothing). */
    static Settings uncalibrated(NoveltyScore score) {
        return new Settings(score.key(), neighbours(score), Double.NaN, Double.NaN, 0);
    }

    private static int neighbours(NoveltyScore score) {
        return score == NoveltyScore.KNN || score == NoveltyScore.FEATURES ? KNN_NEIGHBOURS : 0;
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
