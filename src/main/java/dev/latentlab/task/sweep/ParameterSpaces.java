package dev.latentlab.task.sweep;

import dev.latentlab.config.SweepConfig;
import org.deeplearning4j.arbiter.optimize.api.ParameterSpace;
import org.deeplearning4j.arbiter.optimize.distribution.LogUniformDistribution;
import org.deeplearning4j.arbiter.optimize.parameter.continuous.ContinuousParameterSpace;
import org.deeplearning4j.arbiter.optimize.parameter.discrete.DiscreteParameterSpace;
import org.deeplearning4j.arbiter.optimize.parameter.integer.IntegerParameterSpace;

/** Arbiter spaces for the config's parameter specs: values → discrete, int_range → integer, (log_)uniform → continuous. */
final class ParameterSpaces {
    private ParameterSpaces() {
    }

    /** A fresh Arbiter leaf space for {@code p} (its index is set by the candidate generator). */
    static ParameterSpace<?> of(SweepConfig.Parameter p) {
        if (p.values() != null) {
            return new DiscreteParameterSpace<>(p.values());
        }
        if (p.intRange() != null) {
            return new IntegerParameterSpace(p.intRange().get(0), p.intRange().get(1));
        }
        if (p.uniform() != null) {
            return new ContinuousParameterSpace(p.uniform().get(0), p.uniform().get(1));
        }
        return new ContinuousParameterSpace(new LogUniformDistribution(p.logUniform().get(0), p.logUniform().get(1)));
    }

    /** True when the parameter is best plotted on a log axis. */
    static boolean logScale(SweepConfig.Parameter p) {
        return p.logUniform() != null;
    }
}
