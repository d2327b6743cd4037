package dev.latentlab.task.sweep;

import org.deeplearning4j.arbiter.optimize.api.Candidate;
import org.deeplearning4j.arbiter.optimize.api.CandidateGenerator;
import org.deeplearning4j.arbiter.optimize.api.OptimizationResult;
import org.deeplearning4j.arbiter.optimize.api.ParameterSpace;

/**
 * An Arbiter generator that stops after {@code cap} candidates. Arbiter's runner asks for a new candidate whenever
 * fewer than {@code maxConcurrentTasks} run, and its {@code MaxCandidatesCondition} counts only finished ones, so with
 * several running it would start candidates past {@code search.max_candidates}.
 */
final class CappedGenerator implements CandidateGenerator {
    private final CandidateGenerator generator;
    private final int cap;
    private int created;

    CappedGenerator(CandidateGenerator generator, int cap) {
        this.generator = generator;
        this.cap = cap;
    }

    @Override
    public boolean hasMoreCandidates() {
        return created < cap && generator.hasMoreCandidates();
    }

    @Override
    public Candidate getCandidate() {
        created++;
        return generator.getCandidate();
    }

    @Override
    public void reportResults(OptimizationResult result) {
        generator.reportResults(result);
    }

    @Override
    public ParameterSpace<?> getParameterSpace() {
        return generator.getParameterSpace();
    }

    @Override
    public void setRngSeed(long seed) {
        generator.setRngSeed(seed);
    }

    @Override
    public Class<?> getCandidateType() {
        return generator.getCandidateType();
    }
}
