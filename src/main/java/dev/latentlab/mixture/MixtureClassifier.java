package dev.latentlab.mixture;

import java.util.Objects;

/**
 * A classifier from a Gaussian mixture: a sample's label is the label mapped to its most responsible component.
 *
 * <pre>{@code
 * MixtureClassifier clf = MixtureClassifier.train(GaussianMixture.fit(trainZ, options), trainZ, trainLabels);
 * int[] predicted = clf.predict(testZ);
 * }</pre>
 */
public record MixtureClassifier(GaussianMixture model, ClusterLabelMapping mapping) {
    public MixtureClassifier {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(mapping, "mapping");
        if (mapping.components() != model.components()) {
            throw new IllegalArgumentException("the mapping has " + mapping.components() + " components, the model "
                    + model.components());
        }
    }

    /** Maps each component of {@code model} to the majority label of the training samples it predicts. */
    public static MixtureClassifier train(GaussianMixture model, double[][] x, int[] labels) {
        return new MixtureClassifier(model, ClusterLabelMapping.fit(model.predict(x), labels, model.components()));
    }

    /** The predicted label of every row of {@code x}. */
    public int[] predict(double[][] x) {
        return mapping.apply(model.predict(x));
    }

    /** Label, component and the component and class posteriors of every row of {@code x}. */
    public MixturePrediction classify(double[][] x) {
        int[] components = model.predict(x);
        double[][] resp = model.predictProba(x);
        int[] classes = java.util.Arrays.stream(mapping.componentLabels()).distinct().sorted().toArray();
        int[] column = new int[model.components()];
        for (int c = 0; c < column.length; c++) {
            column[c] = java.util.Arrays.binarySearch(classes, mapping.labelOf(c));
        }
        double[] componentProbability = new double[x.length];
        double[][] classProbabilities = new double[x.length][classes.length];
        for (int t = 0; t < x.length; t++) {
            componentProbability[t] = resp[t][components[t]];
            for (int c = 0; c < column.length; c++) {
                classProbabilities[t][column[c]] += resp[t][c];
            }
        }
        return new MixturePrediction(mapping.apply(components), components, componentProbability, classes,
                classProbabilities);
    }
}
