package dev.latentlab.task.sweep;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.latentlab.config.SweepConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The sweep's summary.json: what was searched, how many candidates finished or failed, the best candidate
 * (values, objective, run folder, best.yaml) and, for a single numeric parameter with a decreasing objective to
 * minimise (error vs K), the elbow of that curve; when {@code seed} is swept, the mean ± sd across seeds of the
 * objective and every summary metric ({@link SeedStatistics}); then one row per candidate.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record SweepSummary(String name,
                           String task,
                           String base,
                           String method,
                           String objective,
                           String direction,
                           int planned,
                           int complete,
                           int failed,
                           double seconds,
                           Best best,
                           Elbow elbow,
                           List<SeedStatistics> acrossSeeds,
                           List<Map<String, Object>> candidates) {

    /** The winner. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Best(int index,
                       double objective,
                       Map<String, Object> parameters,
                       String runDir,
                       String config) {
    }

    /** The elbow of objective vs the one parameter (the kneedle point). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Elbow(String parameter,
                        Object value,
                        double objective) {
    }

    /** The summary of {@code records} (all of them, failed included). */
    static SweepSummary of(SweepConfig sweep, String base, int planned, double seconds, List<CandidateRecord> records,
                           CandidateRecord best, String bestYaml) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (CandidateRecord r : records) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("index", r.index());
            row.put("status", r.status());
            row.putAll(r.parameters());
            row.put("objective", r.objective());
            row.put("seconds", r.seconds());
            row.put("run_dir", r.runDir());
            row.put("error", r.error());
            rows.add(row);
        }
        int complete = (int) records.stream().filter(CandidateRecord::isComplete).count();
        Best b = best == null ? null
                : new Best(best.index(), best.objective(), best.parameters(), best.runDir(), bestYaml);
        return new SweepSummary(sweep.name(), SweepConfig.TASK, base, sweep.search().method().configName(),
                sweep.objective().metric(), sweep.objective().direction().configName(), planned, complete,
                records.size() - complete, seconds, b, elbow(sweep, records),
                sweep.parameters().containsKey(SeedStatistics.SEED) ? SeedStatistics.of(records) : null, rows);
    }

    /**
     * The elbow when one numeric parameter is swept and the objective, minimised, falls with it all the way (error
     * vs K); null otherwise (a curve with a minimum inside has its answer in the best candidate) or with fewer than
     * three complete candidates.
     */
    static Elbow elbow(SweepConfig sweep, List<CandidateRecord> records) {
        if (sweep.parameters().size() != 1 || !sweep.objective().minimize()
                || sweep.parameters().containsKey(SeedStatistics.SEED)) {
            return null;
        }
        String key = sweep.parameters().keySet().iterator().next();
        List<CandidateRecord> points = records.stream().filter(CandidateRecord::isComplete)
                .filter(r -> r.parameters().get(key) instanceof Number)
                .sorted((a, b) -> Double.compare(value(a, key), value(b, key))).toList();
        if (points.size() < 3 || points.size() != records.stream().filter(CandidateRecord::isComplete).count()) {
            return null;
        }
        double[] x = points.stream().mapToDouble(r -> value(r, key)).toArray();
        double[] y = points.stream().mapToDouble(CandidateRecord::objective).toArray();
        for (int i = 1; i < y.length; i++) {
            if (y[i] > y[i - 1]) {
                return null;
            }
        }
        CandidateRecord at = points.get(dev.latentlab.clustering.Elbow.index(x, y));
        return new Elbow(key, at.parameters().get(key), at.objective());
    }

    private static double value(CandidateRecord r, String key) {
        return ((Number) r.parameters().get(key)).doubleValue();
    }
}
