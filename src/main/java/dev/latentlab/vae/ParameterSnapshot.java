package dev.latentlab.vae;

import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A copy of a graph's trainable weights, kept in memory: the trainer's "best model so far". Taking one costs a
 * memory copy (tens of milliseconds) where serialising the graph cost seconds per improved epoch.
 */
final class ParameterSnapshot {
    private final Map<String, INDArray> weights;

    private ParameterSnapshot(Map<String, INDArray> weights) {
        this.weights = weights;
    }

    /** The weights of {@code model} as they are now. */
    static ParameterSnapshot of(VaeModel model) {
        Map<String, INDArray> copy = new LinkedHashMap<>();
        for (SDVariable v : model.graph().variables()) {
            if (v.getVariableType() == VariableType.VARIABLE) {
                copy.put(v.name(), v.getArr().dup());
            }
        }
        return new ParameterSnapshot(copy);
    }

    /** Writes these weights into {@code model}'s graph (same architecture), leaving its updater state as it is. */
    void restoreInto(VaeModel model) {
        SameDiff graph = model.graph();
        for (Map.Entry<String, INDArray> e : weights.entrySet()) {
            SDVariable v = graph.getVariable(e.getKey());
            if (v == null || v.getVariableType() != VariableType.VARIABLE) {
                throw new IllegalStateException("the graph has no trainable variable " + e.getKey());
            }
            v.getArr().assign(e.getValue());
        }
    }
}
