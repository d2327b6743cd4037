package dev.latentlab.config;

import com.fasterxml.jackson.core.JsonProcessingException;

/**
 * Writes a config record as YAML (snake_case keys, every default filled in): the fully resolved
 * {@code config.yaml} of a run folder. Loading that text again binds to an equal record.
 */
public final class ConfigYaml {
    private ConfigYaml() {
    }

    /** The YAML text of {@code config}, keys in record component order. */
    public static String toYaml(Record config) {
        try {
            return ConfigMappers.STRICT.writeValueAsString(config);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + config.getClass().getSimpleName() + " as YAML", e);
        }
    }
}
