package dev.latentlab.task.sweep;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.arbiter.optimize.api.AbstractParameterSpace;
import org.deeplearning4j.arbiter.optimize.api.ParameterSpace;

/**
 * The whole search space as one Arbiter space: config key path → leaf space. A candidate's value is the map of
 * key path → chosen value, in the config's order.
 */
final class ConfigSpace extends AbstractParameterSpace<Map<String, Object>> {
    private final Map<String, ParameterSpace<?>> leaves;

    ConfigSpace(Map<String, ParameterSpace<?>> leaves) {
        this.leaves = Collections.unmodifiableMap(new LinkedHashMap<>(leaves));
    }

    @Override
    public Map<String, Object> getValue(double[] input) {
        Map<String, Object> values = new LinkedHashMap<>();
        leaves.forEach((key, space) -> values.put(key, space.getValue(input)));
        return values;
    }

    @Override
    public int numParameters() {
        return leaves.values().stream().mapToInt(ParameterSpace::numParameters).sum();
    }

    @Override
    @SuppressWarnings("rawtypes")
    public List<ParameterSpace> collectLeaves() {
        return new ArrayList<>(leaves.values());
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Map<String, ParameterSpace> getNestedSpaces() {
        return new LinkedHashMap<>(leaves);
    }

    @Override
    public boolean isLeaf() {
        return false;
    }

    @Override
    public void setIndices(int... indices) {
        throw new UnsupportedOperationException("ConfigSpace is not a leaf: its leaves get the indices");
    }
}
