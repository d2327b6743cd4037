package dev.latentlab.task.sweep;

import dev.latentlab.config.SweepConfig;
import dev.latentlab.report.LabelledHeatMap;
import dev.latentlab.report.LinePlot;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The sweep's figures: the objective against each swept parameter (with several parameters, the best objective
 * reached at each value of that one), the elbow marked when there is one, and a heat map of the objective
 * over two parameters. Non-numeric values (strings, lists) are placed by their order of appearance.
 */
final class SweepFigures {
    private final SweepConfig sweep;

    SweepFigures(SweepConfig sweep) {
        this.sweep = sweep;
    }

    /** What the figure {@code file} of this sweep shows, for the report; null for a file not drawn here. */
    String caption(String file) {
        String metric = sweep.objective().metric();
        List<String> keys = new ArrayList<>(sweep.parameters().keySet());
        if (file.equals("heatmap.png") && keys.size() == 2) {
            return metric + " over " + keys.get(0) + " (across) and " + keys.get(1) + " (up), the best candidate per cell.";
        }
        for (String key : keys) {
            if (file.equals(figureFile(key))) {
                return metric + " of the candidates against " + key + (keys.size() > 1 ? " (the best over the other "
                        + "parameters at each value)" : "") + "; the elbow is marked when there is one.";
            }
        }
        return null;
    }

    private static String figureFile(String key) {
        return "objective_vs_" + key.replaceAll("[^A-Za-z0-9_-]", "_") + ".png";
    }

    /** Writes the figures of the complete records into {@code dir}; returns their file names. */
    List<String> write(Path dir, List<CandidateRecord> complete, SweepSummary.Elbow elbow) throws IOException {
        List<String> files = new ArrayList<>();
        if (complete.isEmpty()) {
            return files;
        }
        String metric = sweep.objective().metric();
        for (Map.Entry<String, SweepConfig.Parameter> p : sweep.parameters().entrySet()) {
            Axis axis = Axis.of(p.getKey(), complete);
            TreeMap<Double, Double> best = new TreeMap<>();
            for (CandidateRecord r : complete) {
                best.merge(axis.position(r), r.objective(),
                        (a, b) -> sweep.objective().minimize() ? Math.min(a, b) : Math.max(a, b));
            }
            double[] x = best.keySet().stream().mapToDouble(Double::doubleValue).toArray();
            double[] y = best.values().stream().mapToDouble(Double::doubleValue).toArray();
            String yTitle = sweep.parameters().size() == 1 ? metric : "best " + metric + " over the other parameters";
            LinePlot plot = LinePlot.titled(metric + " vs " + p.getKey()).axes(axis.title(), yTitle).markers(true)
                    .series(metric, x, y);
            if (ParameterSpaces.logScale(p.getValue()) && axis.numeric()) {
                plot.logX();
            }
            if (elbow != null && elbow.parameter().equals(p.getKey())) {
                plot.highlight(((Number) elbow.value()).doubleValue(), elbow.objective(), "elbow " + elbow.value());
            }
            String file = figureFile(p.getKey());
            plot.writePng(dir.resolve(file));
            files.add(file);
        }
        if (sweep.parameters().size() == 2) {
            List<String> keys = new ArrayList<>(sweep.parameters().keySet());
            Axis xAxis = Axis.of(keys.get(0), complete);
            Axis yAxis = Axis.of(keys.get(1), complete);
            double[][] cells = new double[xAxis.labels().size()][yAxis.labels().size()];
            for (double[] column : cells) {
                java.util.Arrays.fill(column, Double.NaN);
            }
            for (CandidateRecord r : complete) {
                int c = xAxis.labels().indexOf(xAxis.label(r));
                int row = yAxis.labels().indexOf(yAxis.label(r));
                double v = cells[c][row];
                cells[c][row] = Double.isNaN(v) ? r.objective()
                        : sweep.objective().minimize() ? Math.min(v, r.objective()) : Math.max(v, r.objective());
            }
            LabelledHeatMap.titled(metric).axes(keys.get(0), keys.get(1)).cells(xAxis.labels(), yAxis.labels(), cells)
                    .writePng(dir.resolve("heatmap.png"));
            files.add("heatmap.png");
        }
        return files;
    }

    /** Where a parameter's values go on an axis: numbers at their value, others by order of appearance. */
    private record Axis(String key, boolean numeric, Map<String, Double> positions) {
        static Axis of(String key, List<CandidateRecord> records) {
            boolean numeric = records.stream().allMatch(r -> r.parameters().get(key) instanceof Number);
            Map<String, Double> positions = new LinkedHashMap<>();
            records.stream().map(r -> r.parameters().get(key))
                    .sorted((a, b) -> numeric ? Double.compare(((Number) a).doubleValue(), ((Number) b).doubleValue()) : 0)
                    .forEach(v -> positions.putIfAbsent(Overrides.text(v),
                            numeric ? ((Number) v).doubleValue() : positions.size()));
            return new Axis(key, numeric, positions);
        }

        String label(CandidateRecord r) {
            return Overrides.text(r.parameters().get(key));
        }

        double position(CandidateRecord r) {
            return positions.get(label(r));
        }

        List<String> labels() {
            return new ArrayList<>(positions.keySet());
        }

        String title() {
            if (numeric) {
                return key;
            }
            List<String> legend = new ArrayList<>();
            positions.forEach((label, at) -> legend.add(at.intValue() + " = " + label));
            return key + " (" + String.join(", ", legend) + ")";
        }
    }
}
