package dev.latentlab.task.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latentlab.config.SweepConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.arbiter.optimize.api.CandidateGenerator;
import org.deeplearning4j.arbiter.optimize.api.ParameterSpace;
import org.deeplearning4j.arbiter.optimize.parameter.continuous.ContinuousParameterSpace;
import org.deeplearning4j.arbiter.optimize.parameter.discrete.DiscreteParameterSpace;
import org.deeplearning4j.arbiter.optimize.serde.jackson.JsonMapper;
import org.deeplearning4j.arbiter.optimize.serde.jackson.YamlMapper;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Arbiter 1.0.0-beta7 with its nd4j/deeplearning4j dependencies excluded (pom) beside ND4J 1.0.0-M2.1: the spaces,
 * generators and serde the sweep relies on work, in the same JVM as ND4J.
 */
class ArbiterCompatibilityTest {

    private static SweepConfig sweep(SweepConfig.Method method, Integer maxCandidates, Map<String, SweepConfig.Parameter> parameters) {
        return new SweepConfig("sweep", "s", 7L, "base.yaml", Map.of(), parameters,
                new SweepConfig.Search(method, 3, maxCandidates, 10), SweepConfig.Objective.DEFAULTS,
                dev.latentlab.config.Output.DEFAULTS, dev.latentlab.config.SparkConfig.DEFAULTS);
    }

    private static Map<String, SweepConfig.Parameter> kAndBeta() {
        Map<String, SweepConfig.Parameter> p = new LinkedHashMap<>();
        p.put("kmeans.k", new SweepConfig.Parameter(List.of(100, 200), null, null, null));
        p.put("model.beta", new SweepConfig.Parameter(null, null, null, List.of(0.1, 4.0)));
        return p;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> drain(CandidateGenerator g, int n) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i < n && g.hasMoreCandidates(); i++) {
            out.add((Map<String, Object>) g.getCandidate().getValue());
        }
        return out;
    }

    @Test
    void gridCoversEveryCombinationWithLogSpacedContinuousPoints() {
        ArbiterSearch search = new ArbiterSearch(sweep(SweepConfig.Method.GRID, null, kAndBeta()));
        assertThat(search.plannedCandidates()).isEqualTo(6);
        List<Map<String, Object>> all = drain(search.generator(), 100);
        assertThat(all).hasSize(6);
        assertThat(all).extracting(m -> m.get("kmeans.k")).containsOnly(100, 200);
        List<Double> betas = all.stream().map(m -> (Double) m.get("model.beta")).distinct().sorted().toList();
        assertThat(betas).hasSize(3);
        assertThat(betas.get(0)).isCloseTo(0.1, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(betas.get(1)).as("geometric middle of 0.1..4").isCloseTo(Math.sqrt(0.4), org.assertj.core.data.Offset.offset(1e-9));
        assertThat(betas.get(2)).isCloseTo(4.0, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void maxCandidatesNeverExceedsTheGrid() {
        assertThat(new ArbiterSearch(sweep(SweepConfig.Method.GRID, 4, kAndBeta())).plannedCandidates()).isEqualTo(4);
        assertThat(new ArbiterSearch(sweep(SweepConfig.Method.GRID, 40, kAndBeta())).plannedCandidates()).isEqualTo(6);
    }

    @Test
    void seededRandomSearchRepeatsAndStaysInItsRanges() {
        Map<String, SweepConfig.Parameter> p = new LinkedHashMap<>();
        p.put("gmm.n_init", new SweepConfig.Parameter(null, List.of(1, 5), null, null));
        p.put("train.learning_rate", new SweepConfig.Parameter(null, null, List.of(1e-4, 1e-2), null));
        ArbiterSearch search = new ArbiterSearch(sweep(SweepConfig.Method.RANDOM, 8, p));
        CandidateGenerator a = search.generator();
        a.setRngSeed(search.searchSeed());
        CandidateGenerator b = search.generator();
        b.setRngSeed(search.searchSeed());
        List<Map<String, Object>> first = drain(a, 8);
        assertThat(drain(b, 8)).isEqualTo(first);
        assertThat(first).allSatisfy(m -> {
            assertThat((Integer) m.get("gmm.n_init")).isBetween(1, 5);
            assertThat((Double) m.get("train.learning_rate")).isBetween(1e-4, 1e-2);
        });
        assertThat(first.stream().map(m -> m.get("train.learning_rate")).distinct()).hasSize(8);
        assertThat(search.firstCandidate()).as("the values the sweep checks first").isEqualTo(first.get(0));
    }

    @Test
    void spacesRoundTripThroughArbitersJsonAndYamlNextToNd4j() throws Exception {
        ParameterSpace<?> beta = new ContinuousParameterSpace(0.1, 4.0);
        ParameterSpace<?> k = new DiscreteParameterSpace<>(100, 200, 300);
        String json = JsonMapper.getMapper().writeValueAsString(beta);
        assertThat(JsonMapper.getMapper().readValue(json, ParameterSpace.class)).isEqualTo(beta);
        String yaml = YamlMapper.getMapper().writeValueAsString(k);
        assertThat(YamlMapper.getMapper().readValue(yaml, ParameterSpace.class)).isEqualTo(k);
        assertThat(Nd4j.createFromArray(3.0, 4.0).norm2Number().doubleValue()).isEqualTo(5.0);
    }
}
