package dev.latentlab.task.sweep;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.latentlab.report.Significant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Figures across seeds: when {@code seed} is a swept parameter, the complete candidates that share every other
 * parameter form one group, and each group reports the mean and sample standard deviation (n - 1) of the
 * objective and of every numeric summary metric over its seeds.
 *
 * @param parameters the group's other parameters (empty when only the seed is swept)
 * @param seeds      the seeds of its complete candidates
 * @param objective  the objective across those seeds
 * @param metrics    every numeric summary leaf that all of them have, by dotted path
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SeedStatistics(@JsonProperty("parameters") Map<String, Object> parameters,
                             @JsonProperty("seeds") List<Object> seeds,
                             @JsonProperty("objective") Spread objective,
                             @JsonProperty("metrics") Map<String, Spread> metrics) {
    /** The swept key path that names the seed. */
    public static final String SEED = "seed";

    /**
     * Mean, sample standard deviation (null for one seed), smallest and largest value.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Spread(@JsonProperty("mean") double mean, @JsonProperty("sd") Double sd,
                         @JsonProperty("min") double min, @JsonProperty("max") double max) {
        static Spread of(List<Double> values) {
            double mean = values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
            Double sd = null;
            if (values.size() > 1) {
                double ss = values.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum();
                sd = Math.sqrt(ss / (values.size() - 1));
            }
            return new Spread(mean, sd, values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN),
                    values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN));
        }

        /** {@code mean ± sd} with four significant digits. */
        String text() {
            return sd == null ? Significant.four(mean) : Significant.four(mean) + " ± " + Significant.four(sd);
        }
    }

    /** The groups of {@code records}' complete candidates, in order of first appearance; empty without a seed. */
    static List<SeedStatistics> of(List<CandidateRecord> records) {
        Map<String, List<CandidateRecord>> groups = new LinkedHashMap<>();
        Map<String, Map<String, Object>> others = new LinkedHashMap<>();
        for (CandidateRecord r : records) {
            if (!r.isComplete() || !r.parameters().containsKey(SEED)) {
                continue;
            }
            Map<String, Object> rest = new LinkedHashMap<>(r.parameters());
            rest.remove(SEED);
            String key = Overrides.text(rest);
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(r);
            others.putIfAbsent(key, rest);
        }
        List<SeedStatistics> out = new ArrayList<>();
        for (Map.Entry<String, List<CandidateRecord>> g : groups.entrySet()) {
            List<CandidateRecord> rs = g.getValue();
            Map<String, Spread> metrics = new LinkedHashMap<>();
            for (String path : rs.get(0).metrics().keySet()) {
                if (rs.stream().allMatch(r -> r.metrics().containsKey(path))) {
                    metrics.put(path, Spread.of(rs.stream().map(r -> r.metrics().get(path)).toList()));
                }
            }
            out.add(new SeedStatistics(others.get(g.getKey()), rs.stream().map(r -> r.parameters().get(SEED)).toList(),
                    Spread.of(rs.stream().map(CandidateRecord::objective).toList()), metrics));
        }
        return out;
    }

    /**
     * A plain-text table: the objective, then every metric except the per-class rows, confusion counts and label
     * lists (summary.json has those too), one line each with {@code mean ± sd}.
     */
    String toTable(String objectiveName) {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "across seeds %s%s:%n", seeds,
                parameters.isEmpty() ? "" : " with " + SweepProgress.describe(parameters)));
        s.append(String.format(Locale.ROOT, "  %-48s %s%n", objectiveName + " (objective)", objective.text()));
        for (Map.Entry<String, Spread> m : metrics.entrySet()) {
            String path = m.getKey();
            if (!path.contains("per_class") && !path.contains("confusion_matrix") && !path.contains(".labels.")
                    && !path.startsWith("labels.")) {
                s.append(String.format(Locale.ROOT, "  %-48s %s%n", path, m.getValue().text()));
            }
        }
        return s.toString();
    }

}
