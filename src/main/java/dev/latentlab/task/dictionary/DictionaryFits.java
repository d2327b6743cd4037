package dev.latentlab.task.dictionary;

import dev.latentlab.patches.DictionaryMethod;
import dev.latentlab.patches.SparseDictionary;
import dev.latentlab.report.MetricsCsv;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a patch-dictionary run has gathered from its fits so far, for the summary, the figures and the model set:
 * each fit's scores (also appended to comparison.csv), its reconstructions of the shown digits and of the drawn
 * patch by row label, the error-against-iteration curves, the figures written and the dictionaries saved.
 */
final class DictionaryFits {
    private final MetricsCsv comparison;
    final List<KFitSummary> results = new ArrayList<>();
    final Map<String, float[]> trainRecon = new LinkedHashMap<>();
    final Map<String, float[]> testRecon = new LinkedHashMap<>();
    final Map<String, float[]> novelRecon = new LinkedHashMap<>();
    final Map<String, float[]> codePatchRecon = new LinkedHashMap<>();
    final Map<DictionaryMethod, Map<Integer, double[][]>> curves = new LinkedHashMap<>();
    final List<String> figures = new ArrayList<>();
    final List<String> saved = new ArrayList<>();
    /** The sparse dictionary whose code of the drawn patch is shown (null: none fitted at that K). */
    SparseDictionary codeDictionary;

    /** Gathers the fits of a run whose comparison.csv (one row per fit) is created at {@code comparisonCsv}. */
    DictionaryFits(Path comparisonCsv) throws IOException {
        this.comparison = MetricsCsv.create(comparisonCsv, "method", "k", "train_mse", "fit_mse", "test_mse",
                "recon_mse", "recon_psnr", "fit_seconds", "iterations", "converged");
    }

    /** Records a fit's scores (and its curve, when it has one). */
    void add(KFitSummary result, double[][] curve) throws IOException {
        results.add(result);
        comparison.append(result.method().configName(), result.k(), result.trainMse(), result.fitMse(), result.testMse(),
                result.reconMse(), result.reconPsnr(), result.fitSeconds(), result.iterations(), result.converged());
        if (curve != null) {
            curves.computeIfAbsent(result.method(), m -> new TreeMap<>()).put(result.k(), curve);
        }
    }
}
