package dev.latentlab.task.sweep;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One candidate's outcome: its parameter values, status, objective, every numeric summary metric, the seconds
 * it took, its run folder and, when it failed, the error.
 *
 * @param index      the candidate's number in generation order (0-based)
 * @param parameters swept key path → value
 * @param status     {@value #COMPLETE} or {@value #FAILED}
 * @param objective  the objective metric's value; null when failed
 * @param seconds    wall time of the candidate's run
 * @param runDir     the candidate's run folder (null when it failed before making one)
 * @param error      why it failed (one line); null when complete
 * @param metrics    the numeric leaves of the candidate's summary.json
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record CandidateRecord(@JsonProperty("index") int index,
                              @JsonProperty("parameters") Map<String, Object> parameters,
                              @JsonProperty("status") String status,
                              @JsonProperty("objective") Double objective,
                              @JsonProperty("seconds") double seconds,
                              @JsonProperty("run_dir") String runDir,
                              @JsonProperty("error") String error,
                              @JsonProperty("metrics") Map<String, Double> metrics) {
    public static final String COMPLETE = "complete";
    public static final String FAILED = "failed";

    public CandidateRecord {
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        metrics = metrics == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    }

    /** A finished run with its objective. */
    static CandidateRecord complete(int index, Map<String, Object> parameters, double objective, double seconds,
                                    String runDir, Map<String, Double> metrics) {
        return new CandidateRecord(index, parameters, COMPLETE, objective, seconds, runDir, null, metrics);
    }

    /** A run that failed with {@code error}. */
    static CandidateRecord failed(int index, Map<String, Object> parameters, double seconds, String runDir,
                                  String error, Map<String, Double> metrics) {
        return new CandidateRecord(index, parameters, FAILED, null, seconds, runDir, error, metrics);
    }

    /** True when the run finished and has an objective. */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isComplete() {
        return COMPLETE.equals(status);
    }

    /** True when {@code values} are this record's parameters (compared as written to JSON). */
    boolean hasParameters(Map<String, Object> values) {
        return Overrides.text(parameters).equals(Overrides.text(values));
    }
}
