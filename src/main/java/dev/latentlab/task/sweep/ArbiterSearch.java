package dev.latentlab.task.sweep;

import dev.latentlab.config.SweepConfig;
import dev.latentlab.rng.RandomStreams;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.deeplearning4j.arbiter.optimize.api.Candidate;
import org.deeplearning4j.arbiter.optimize.api.CandidateGenerator;
import org.deeplearning4j.arbiter.optimize.api.OptimizationResult;
import org.deeplearning4j.arbiter.optimize.api.ParameterSpace;
import org.deeplearning4j.arbiter.optimize.api.TaskCreator;
import org.deeplearning4j.arbiter.optimize.api.data.DataProvider;
import org.deeplearning4j.arbiter.optimize.api.data.DataSource;
import org.deeplearning4j.arbiter.optimize.api.score.ScoreFunction;
import org.deeplearning4j.arbiter.optimize.api.termination.MaxCandidatesCondition;
import org.deeplearning4j.arbiter.optimize.api.termination.MaxTimeCondition;
import org.deeplearning4j.arbiter.optimize.api.termination.TerminationCondition;
import org.deeplearning4j.arbiter.optimize.config.OptimizationConfiguration;
import org.deeplearning4j.arbiter.optimize.generator.GridSearchCandidateGenerator;
import org.deeplearning4j.arbiter.optimize.generator.RandomSearchGenerator;
import org.deeplearning4j.arbiter.optimize.runner.CandidateInfo;
import org.deeplearning4j.arbiter.optimize.runner.CandidateStatus;
import org.deeplearning4j.arbiter.optimize.runner.IOptimizationRunner;
import org.deeplearning4j.arbiter.optimize.runner.LocalOptimizationRunner;
import org.deeplearning4j.arbiter.optimize.runner.listener.StatusListener;

/**
 * The search itself, done by DL4J's Arbiter: the config's parameters as Arbiter spaces, grid or random
 * candidate generation (seeded), a {@link LocalOptimizationRunner} running {@code search.parallel} candidates at
 * once ({@code maxConcurrentTasks}) through a {@link CandidateRunner}, and termination by candidate count, time, or
 * a mistake in the sweep config. Candidates are generated in one thread, so their indices and values do not
 * depend on how many run at once.
 */
final class ArbiterSearch {
    private final SweepConfig sweep;

    ArbiterSearch(SweepConfig sweep) {
        this.sweep = sweep;
    }

    /** The config's parameters as one Arbiter space (fresh leaves: a generator assigns their indices). */
    ConfigSpace space() {
        Map<String, ParameterSpace<?>> leaves = new LinkedHashMap<>();
        sweep.parameters().forEach((key, p) -> leaves.put(key, ParameterSpaces.of(p)));
        return new ConfigSpace(leaves);
    }

    /** A fresh generator for the config's method. */
    CandidateGenerator generator() {
        return sweep.search().method() == SweepConfig.Method.GRID
                ? new GridSearchCandidateGenerator(space(), sweep.search().gridPoints(),
                        GridSearchCandidateGenerator.Mode.Sequential, null)
                : new RandomSearchGenerator(space(), null);
    }

    /**
     * How many candidates the search runs: the grid's size or {@code max_candidates}, whichever is smaller.
     * (Arbiter's runner never returns when the generator runs dry before its candidate limit: the limit must
     * never exceed the grid.)
     */
    int plannedCandidates() {
        Integer max = sweep.search().maxCandidates();
        if (sweep.search().method() == SweepConfig.Method.GRID) {
            int grid = ((GridSearchCandidateGenerator) generator()).getTotalNumCandidates();
            return max == null ? grid : Math.min(max, grid);
        }
        return max;
    }

    /** The values of the first candidate the search will run (to check the overrides before the sweep starts). */
    @SuppressWarnings("unchecked")
    Map<String, Object> firstCandidate() {
        CandidateGenerator generator = generator();
        generator.setRngSeed(searchSeed());
        return (Map<String, Object>) generator.getCandidate().getValue();
    }

    /** The values of every candidate the search will run, in order (to check them all before the first runs). */
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> candidates() {
        CandidateGenerator generator = generator();
        generator.setRngSeed(searchSeed());
        List<Map<String, Object>> all = new ArrayList<>();
        for (int i = plannedCandidates(); i > 0 && generator.hasMoreCandidates(); i--) {
            all.add((Map<String, Object>) generator.getCandidate().getValue());
        }
        return all;
    }

    /** The seed of the search's own draws: the stream "sweep.search" of the sweep's {@code seed}. */
    long searchSeed() {
        return RandomStreams.seed(sweep.seed(), "sweep.search");
    }

    /** Runs the search to its end; every candidate's outcome lands in the runner's state. */
    void run(CandidateRunner runner) {
        OptimizationConfiguration conf = new OptimizationConfiguration.Builder()
                .candidateGenerator(new CappedGenerator(generator(), plannedCandidates()))
                .dataProvider(new NoData())
                .scoreFunction(new ObjectiveScore(sweep.objective().minimize()))
                .rngSeed(searchSeed())
                .terminationConditions(new MaxCandidatesCondition(plannedCandidates()),
                        new MaxTimeCondition(Math.round(sweep.search().maxMinutes() * 60), TimeUnit.SECONDS),
                        new AbortCondition(runner))
                .build();
        new LocalOptimizationRunner(sweep.search().parallel(), conf, new Tasks(runner)).execute();
    }

    /** Arbiter task: one candidate through the {@link CandidateRunner}. */
    private record Tasks(CandidateRunner runner) implements TaskCreator {
        @Override
        public Callable<OptimizationResult> create(Candidate candidate, DataProvider dataProvider,
                                                   ScoreFunction scoreFunction, List<StatusListener> statusListeners,
                                                   IOptimizationRunner optimizationRunner) {
            return () -> run(candidate);
        }

        @Override
        public Callable<OptimizationResult> create(Candidate candidate, Class<? extends DataSource> dataSource,
                                                   Properties dataSourceProperties, ScoreFunction scoreFunction,
                                                   List<StatusListener> statusListeners,
                                                   IOptimizationRunner optimizationRunner) {
            return () -> run(candidate);
        }

        @SuppressWarnings("unchecked")
        private OptimizationResult run(Candidate candidate) {
            long start = System.currentTimeMillis();
            CandidateRecord r = runner.run(candidate.getIndex(), (Map<String, Object>) candidate.getValue());
            CandidateStatus status = r.isComplete() ? CandidateStatus.Complete : CandidateStatus.Failed;
            CandidateInfo info = new CandidateInfo(candidate.getIndex(), status, r.objective(), start, start,
                    System.currentTimeMillis(), candidate.getFlatParameters(), r.error());
            return new OptimizationResult(candidate, r.objective(), candidate.getIndex(), null, info, null);
        }
    }

    /** The objective's direction, for Arbiter's best-candidate bookkeeping (scores come from the tasks). */
    private record ObjectiveScore(boolean minimize) implements ScoreFunction {
        @Override
        public double score(Object model, DataProvider dataProvider, Map<String, Object> dataParameters) {
            throw new UnsupportedOperationException("candidates are scored by their run's summary");
        }

        @Override
        public double score(Object model, Class<? extends DataSource> dataSource, Properties dataSourceProperties) {
            throw new UnsupportedOperationException("candidates are scored by their run's summary");
        }

        @Override
        public List<Class<?>> getSupportedModelTypes() {
            return Collections.singletonList(Object.class);
        }

        @Override
        public List<Class<?>> getSupportedDataTypes() {
            return Collections.singletonList(Object.class);
        }
    }

    /** Candidates load their own data from their configs. */
    private static final class NoData implements DataProvider {
        @Override
        public Object trainData(Map<String, Object> dataParameters) {
            return null;
        }

        @Override
        public Object testData(Map<String, Object> dataParameters) {
            return null;
        }

        @Override
        public Class<?> getDataType() {
            return Object.class;
        }
    }

    /** Ends the search at once when a candidate found a mistake in the sweep config. */
    private record AbortCondition(CandidateRunner runner) implements TerminationCondition {
        @Override
        public void initialize(IOptimizationRunner optimizationRunner) {
        }

        @Override
        public boolean terminate(IOptimizationRunner optimizationRunner) {
            return runner.abort() != null;
        }
    }
}
