package dev.latentlab.eval;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;
import org.nd4j.evaluation.classification.Evaluation;

/**
 * Classification metrics of predicted against true labels, computed with DL4J's {@link Evaluation}: accuracy,
 * macro and per-class precision/recall/F1 and the confusion matrix (rows = true label, columns = predicted).
 * Macro averages are the plain means of the per-class figures over all labels, a figure with a zero denominator
 * counting as 0 (scikit-learn's {@code classification_report} with {@code zero_division=0}). Not DL4J's own macro
 * average: it leaves a class that is never predicted out of precision and F1, which made a ten-digit run with no
 * component for the fives report macro F1 0.878 above both its macro precision and recall.
 *
 * <p>Beside them the clustering figures the literature reports ({@link ClusteringMetrics}) of the samples' cluster
 * ids (mixture components) against their labels: Hungarian-matched accuracy, NMI and ARI. {@code accuracy} is
 * the majority-map accuracy: each cluster predicts its majority training label, several clusters may predict the
 * same label.
 *
 * @param name       what was evaluated (e.g. a file name)
 * @param count      number of samples
 * @param labels     the class labels, ascending (rows/columns of the confusion matrix)
 * @param accuracy   fraction correct (majority-map accuracy when the predictions come from clusters)
 * @param hungarianAccuracy fraction correct under the best one-to-one matching of clusters to labels
 * @param nmi        normalised mutual information of clusters and labels (arithmetic normalisation)
 * @param ari        adjusted Rand index of clusters and labels
 * @param clusters   distinct cluster ids among the samples
 * @param precision  macro precision
 * @param recall     macro recall
 * @param f1         macro F1
 * @param perClass   per-class figures, in {@code labels} order
 * @param confusion  confusion counts [true][predicted]
 */
public record ClassificationReport(
        @JsonProperty("name") String name,
        @JsonProperty("count") int count,
        @JsonProperty("labels") int[] labels,
        @JsonProperty("accuracy") double accuracy,
        @JsonProperty("hungarian_accuracy") double hungarianAccuracy,
        @JsonProperty("nmi") double nmi,
        @JsonProperty("ari") double ari,
        @JsonProperty("clusters") int clusters,
        @JsonProperty("macro_precision") double precision,
        @JsonProperty("macro_recall") double recall,
        @JsonProperty("macro_f1") double f1,
        @JsonProperty("per_class") List<ClassMetrics> perClass,
        @JsonProperty("confusion_matrix") int[][] confusion) {

    /** One class's figures. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record ClassMetrics(int label, int support,
                               double precision, double recall,
                               double f1) {
    }

    /** Evaluates {@code predicted} against {@code truth} (same length, any integer labels), the predictions as clusters. */
    public static ClassificationReport of(String name, int[] truth, int[] predicted) {
        return of(name, truth, predicted, predicted);
    }

    /**
     * Evaluates {@code predicted} against {@code truth}, and the cluster id of each sample ({@code clusters}, e.g.
     * its mixture component) as a clustering of {@code truth}. All three have the same length.
     */
    public static ClassificationReport of(String name, int[] truth, int[] predicted, int[] clusters) {
        if (truth.length != predicted.length) {
            throw new IllegalArgumentException(truth.length + " true labels but " + predicted.length + " predictions");
        }
        ClusteringMetrics clustering = ClusteringMetrics.of(truth, clusters);
        TreeSet<Integer> all = new TreeSet<>();
        Arrays.stream(truth).forEach(all::add);
        Arrays.stream(predicted).forEach(all::add);
        int[] labels = all.stream().mapToInt(Integer::intValue).toArray();
        List<String> names = all.stream().map(String::valueOf).toList();
        Evaluation evaluation = new Evaluation(names);
        for (int i = 0; i < truth.length; i++) {
            // DL4J: eval(predicted index, actual index)
            evaluation.eval(Arrays.binarySearch(labels, predicted[i]), Arrays.binarySearch(labels, truth[i]));
        }
        int[][] confusion = new int[labels.length][labels.length];
        List<ClassMetrics> perClass = new ArrayList<>();
        for (int a = 0; a < labels.length; a++) {
            int support = 0;
            for (int p = 0; p < labels.length; p++) {
                confusion[a][p] = evaluation.getConfusionMatrix().getCount(a, p);
                support += confusion[a][p];
            }
            perClass.add(new ClassMetrics(labels[a], support, evaluation.precision(a), evaluation.recall(a), evaluation.f1(a)));
        }
        return new ClassificationReport(name, truth.length, labels, evaluation.accuracy(),
                clustering.hungarianAccuracy(), clustering.nmi(), clustering.ari(), clustering.clusters(),
                mean(perClass, ClassMetrics::precision), mean(perClass, ClassMetrics::recall),
                mean(perClass, ClassMetrics::f1), List.copyOf(perClass), confusion);
    }

    private static double mean(List<ClassMetrics> perClass, ToDoubleFunction<ClassMetrics> figure) {
        return perClass.stream().mapToDouble(figure).average().orElse(Double.NaN);
    }

    /** A plain-text table: the headline figures, per-class rows and the confusion matrix. */
    public String toTable() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%s: %d samples, accuracy %.4f, macro precision %.4f, recall %.4f, F1 %.4f%n",
                name, count, accuracy, precision, recall, f1));
        out.append(String.format(Locale.ROOT, "  clustering (%d clusters): Hungarian accuracy %.4f, NMI %.4f, ARI %.4f%n",
                clusters, hungarianAccuracy, nmi, ari));
        out.append(String.format(Locale.ROOT, "  %6s %9s %9s %9s %8s%n", "label", "precision", "recall", "f1", "support"));
        for (ClassMetrics c : perClass) {
            out.append(String.format(Locale.ROOT, "  %6d %9.4f %9.4f %9.4f %8d%n", c.label(), c.precision(), c.recall(),
                    c.f1(), c.support()));
        }
        out.append("  confusion (rows true, columns predicted):\n  ").append(String.format("%6s", ""));
        for (int l : labels) {
            out.append(String.format("%7d", l));
        }
        out.append('\n');
        for (int a = 0; a < labels.length; a++) {
            out.append(String.format("  %6d", labels[a]));
            for (int p = 0; p < labels.length; p++) {
                out.append(String.format("%7d", confusion[a][p]));
            }
            out.append('\n');
        }
        return out.toString();
    }
}
