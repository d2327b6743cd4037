package dev.latentlab.rng;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SampleIndicesTest {
    @Test
    void aSampleIsSortedDistinctInRangeAndTheSameForTheSameStream() {
        long[] a = SampleIndices.sorted(1000, 300, new SplittableRandom(7));
        assertThat(a).hasSize(300).isSorted().doesNotHaveDuplicates();
        assertThat(Arrays.stream(a).allMatch(i -> i >= 0 && i < 1000)).isTrue();
        assertThat(SampleIndices.sorted(1000, 300, new SplittableRandom(7))).containsExactly(a);
        assertThat(SampleIndices.sorted(1000, 300, new SplittableRandom(8))).isNotEqualTo(a);
        assertThat(SampleIndices.sorted(5, 5, new SplittableRandom(1))).containsExactly(0, 1, 2, 3, 4);
        assertThatThrownBy(() -> SampleIndices.sorted(5, 6, new SplittableRandom(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
