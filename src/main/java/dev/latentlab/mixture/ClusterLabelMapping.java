package dev.latentlab.mixture;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The class label of each mixture component: the majority training label among the samples assigned to it.
 * Ties go to the smaller label; a component that no training sample was assigned to gets the majority label of
 * the whole training set, so every component predicts something sensible. Immutable.
 *
 * @param componentLabels the label of component k at index k
 */
public record ClusterLabelMapping(int[] componentLabels) {
    public ClusterLabelMapping {
        Objects.requireNonNull(componentLabels, "componentLabels");
        if (componentLabels.length == 0) {
            throw new IllegalArgumentException("a mapping needs at least one component");
        }
        componentLabels = componentLabels.clone();
    }

    /**
     * The mapping from training samples' components and labels.
     *
     * @param components the component of each training sample, in [0, k)
     * @param labels     the label of each training sample
     * @param k          the number of components
     */
    public static ClusterLabelMapping fit(int[] components, int[] labels, int k) {
        if (components.length != labels.length) {
            throw new IllegalArgumentException(components.length + " components but " + labels.length + " labels");
        }
        if (k < 1 || components.length == 0) {
            throw new IllegalArgumentException("need k >= 1 and at least one labelled sample");
        }
        Map<Integer, long[]> counts = new TreeMap<>();
        for (int i = 0; i < components.length; i++) {
            Objects.checkIndex(components[i], k);
            counts.computeIfAbsent(labels[i], l -> new long[k + 1])[components[i]]++;
        }
        for (long[] c : counts.values()) {
            c[k] = Arrays.stream(c, 0, k).sum();
        }
        int overall = majority(counts, k);
        int[] mapping = new int[k];
        for (int c = 0; c < k; c++) {
            int label = majority(counts, c);
            mapping[c] = label == Integer.MIN_VALUE || counts.get(label)[c] == 0 ? overall : label;
        }
        return new ClusterLabelMapping(mapping);
    }

    /** Number of components. */
    public int components() {
        return componentLabels.length;
    }

    /** The label of component {@code c}. */
    public int labelOf(int c) {
        return componentLabels[c];
    }

    /** The label of each component in {@code components}. */
    public int[] apply(int[] components) {
        int[] out = new int[components.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = componentLabels[components[i]];
        }
        return out;
    }

    @Override
    public int[] componentLabels() {
        return componentLabels.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClusterLabelMapping m && Arrays.equals(componentLabels, m.componentLabels);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(componentLabels);
    }

    @Override
    public String toString() {
        return "ClusterLabelMapping" + Arrays.toString(componentLabels);
    }

    /** The label with the largest count in column {@code col} (the smallest label on a tie). */
    private static int majority(Map<Integer, long[]> counts, int col) {
        int best = Integer.MIN_VALUE;
        long bestCount = -1;
        for (Map.Entry<Integer, long[]> e : counts.entrySet()) {
            if (e.getValue()[col] > bestCount) {
                bestCount = e.getValue()[col];
                best = e.getKey();
            }
        }
        return best;
    }
}
