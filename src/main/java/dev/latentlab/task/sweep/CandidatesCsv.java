package dev.latentlab.task.sweep;

import dev.latentlab.report.MetricsCsv;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@value #FILE}: one row per candidate — index, status, the swept values, the objective, seconds, run folder,
 * error, then every numeric metric of the candidates' summaries (the union of their keys).
 */
final class CandidatesCsv {
    static final String FILE = "candidates.csv";

    private CandidatesCsv() {
    }

    /** Writes (replaces) the CSV in {@code dir}. */
    static Path write(Path dir, List<String> parameters, String metric, List<CandidateRecord> records)
            throws IOException {
        List<String> columns = new ArrayList<>(List.of("index", "status"));
        columns.addAll(parameters);
        columns.addAll(List.of("objective", "seconds", "run_dir", "error"));
        Set<String> metrics = new LinkedHashSet<>();
        records.forEach(r -> metrics.addAll(r.metrics().keySet()));
        metrics.removeAll(columns);
        columns.addAll(metrics);
        MetricsCsv csv = MetricsCsv.create(dir.resolve(FILE), columns);
        for (CandidateRecord r : records) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("index", r.index());
            row.put("status", r.status());
            r.parameters().forEach((key, value) -> row.put(key, value instanceof Number ? value : Overrides.text(value)));
            row.put("objective", r.objective());
            row.put("seconds", r.seconds());
            row.put("run_dir", r.runDir());
            row.put("error", r.error());
            r.metrics().forEach((key, value) -> {
                if (metrics.contains(key)) {
                    row.put(key, value);
                }
            });
            csv.append(row);
        }
        return csv.path();
    }
}
