package dev.latentlab.mixture;

/**
 * What a {@link MixtureClassifier} says about each sample.
 *
 * @param labels               the predicted label: the label mapped to the most responsible component
 * @param components           the most responsible component
 * @param componentProbability p(that component | x), its responsibility
 * @param classes              the labels that some component maps to, ascending (columns of
 *                             {@code classProbabilities})
 * @param classProbabilities   p(class | x) per sample and class: the sum of the responsibilities of the components
 *                             mapped to the class; each row sums to 1
 */
public record MixturePrediction(int[] labels, int[] components, double[] componentProbability, int[] classes,
                                double[][] classProbabilities) {

    /** Number of samples. */
    public int count() {
        return labels.length;
    }
}
