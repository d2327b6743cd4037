package dev.latentlab.latent;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.latentlab.mixture.GaussianMixture;
import dev.latentlab.mixture.GmmOptions;
import dev.latentlab.mixture.MixtureClassifier;
import java.util.ArrayList;
import java.util.List;

/**
 * Chooses the number of mixture components: for each candidate K a mixture is fitted on the training latents,
 * each component mapped to its majority training label, and the classifier scored on the validation latents.
 * By {@link Criterion#VAL_ACCURACY} the most accurate wins, by {@link Criterion#BIC} the lowest BIC on the
 * training latents (no labels needed for the choice); ties go to fewer components. The test set plays no part.
 * One component per class (K = the number of training labels) is always fitted too and returned beside the
 * winner, whether or not it is among the candidates, so a run reports both figures.
 * A candidate whose fit fails is logged and skipped; only when every candidate fails does the selection fail.
 */
public final class ComponentSelection {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ComponentSelection.class);
    private ComponentSelection() {
    }

    /** One candidate's figures. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Candidate(int components,
                            @JsonProperty("val_accuracy") double validationAccuracy,
                            double trainAccuracy,
                            double bic,
                            double aic,
                            double meanLogLikelihood,
                            boolean converged,
                            double seconds) {
    }

    /** What picks the winner. */
    public enum Criterion { VAL_ACCURACY, BIC }

    /**
     * The chosen classifier and every candidate's figures, and the mixture with one component per class.
     *
     * @param onePerClass          the classifier with as many components as training labels
     * @param onePerClassCandidate its figures (also in {@code candidates} when K was a candidate)
     */
    public record Result(MixtureClassifier best, Candidate chosen, List<Candidate> candidates,
                         MixtureClassifier onePerClass, Candidate onePerClassCandidate) {
    }

    /** Fits every candidate in {@code components} with {@code options}; the most accurate on validation wins. */
    public static Result select(double[][] trainZ, int[] trainLabels, double[][] valZ, int[] valLabels,
                                List<Integer> components, GmmOptions options) {
        return select(trainZ, trainLabels, valZ, valLabels, components, options, Criterion.VAL_ACCURACY);
    }

    /** Fits every candidate in {@code components} with {@code options} (its component count replaced). */
    public static Result select(double[][] trainZ, int[] trainLabels, double[][] valZ, int[] valLabels,
                                List<Integer> components, GmmOptions options, Criterion criterion) {
        return select(trainZ, trainLabels, valZ, valLabels, components, options, criterion, null);
    }

    /**
     * As {@link #select(double[][], int[], double[][], int[], List, GmmOptions, Criterion)}; the candidate with
     * {@code warmStart}'s number of components continues EM from it ({@link GaussianMixture#fitFrom}) when its
     * dimension and covariance type fit; null = every candidate initialises.
     */
    public static Result select(double[][] trainZ, int[] trainLabels, double[][] valZ, int[] valLabels,
                                List<Integer> components, GmmOptions options, Criterion criterion,
                                GaussianMixture warmStart) {
        boolean warm = warmStart != null && trainZ.length > 0 && warmStart.dimension() == trainZ[0].length
                && warmStart.covarianceType() == options.covarianceType();
        MixtureClassifier best = null;
        Candidate chosen = null;
        int classes = (int) java.util.Arrays.stream(trainLabels).distinct().count();
        MixtureClassifier perClass = null;
        Candidate perClassCandidate = null;
        List<Candidate> all = new ArrayList<>();
        RuntimeException firstFailure = null;
        for (int k : components) {
            long start = System.nanoTime();
            MixtureClassifier classifier;
            try {
                classifier = warm && k == warmStart.components()
                        ? MixtureClassifier.train(GaussianMixture.fitFrom(warmStart, trainZ, options), trainZ, trainLabels)
                        : train(trainZ, trainLabels, options.withComponents(k));
            } catch (RuntimeException e) {     // one failed candidate (e.g. a singular covariance) is skipped
                LOG.warn("GMM with {} components failed, skipped: {}", k, e.toString(), e);
                firstFailure = firstFailure == null ? e : firstFailure;
                continue;
            }
            Candidate c = candidate(classifier, trainZ, trainLabels, valZ, valLabels, start);
            all.add(c);
            boolean better = chosen == null || (criterion == Criterion.BIC ? c.bic() < chosen.bic()
                    : c.validationAccuracy() > chosen.validationAccuracy());
            if (better) {
                chosen = c;
                best = classifier;
            }
            if (k == classes && perClass == null) {
                perClass = classifier;
                perClassCandidate = c;
            }
        }
        if (chosen == null) {
            throw new IllegalStateException("every GMM candidate failed (components " + components + ")", firstFailure);
        }
        if (perClass == null && classes <= trainZ.length) {
            long start = System.nanoTime();
            perClass = train(trainZ, trainLabels, options.withComponents(classes));
            perClassCandidate = candidate(perClass, trainZ, trainLabels, valZ, valLabels, start);
        }
        return new Result(best, chosen, List.copyOf(all), perClass, perClassCandidate);
    }

    private static MixtureClassifier train(double[][] trainZ, int[] trainLabels, GmmOptions options) {
        return MixtureClassifier.train(GaussianMixture.fit(trainZ, options), trainZ, trainLabels);
    }

    private static Candidate candidate(MixtureClassifier classifier, double[][] trainZ, int[] trainLabels,
                                       double[][] valZ, int[] valLabels, long start) {
        GaussianMixture gmm = classifier.model();
        return new Candidate(gmm.components(), accuracy(classifier.predict(valZ), valLabels),
                accuracy(classifier.predict(trainZ), trainLabels), gmm.bic(trainZ), gmm.aic(trainZ),
                gmm.meanLogLikelihood(), gmm.converged(), (System.nanoTime() - start) / 1e9);
    }

    static double accuracy(int[] predicted, int[] truth) {
        int right = 0;
        for (int i = 0; i < truth.length; i++) {
            if (predicted[i] == truth[i]) {
                right++;
            }
        }
        return truth.length == 0 ? 0 : (double) right / truth.length;
    }
}
