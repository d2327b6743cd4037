package dev.latentlab.task.dictionary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latentlab.BadInputException;
import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.Test;

/** The nd4j engine's refusal of a patch set beyond its off-heap limit: one line, before any allocation. */
class OffHeapBudgetTest {
    @Test
    void refusesMorePatchesThanTheOffHeapLimitInOneLine() {
        long rowsThatFit = 1000;
        OffHeapBudget.require(rowsThatFit, 25);
        assertThat(OffHeapBudget.bytes(1000, 25)).isEqualTo(104_000);
        long tooMany = Pointer.maxBytes() / 104 + 1;
        assertThatThrownBy(() -> OffHeapBudget.require(tooMany, 25)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("kmeans.engine nd4j").hasMessageContaining("kmeans.engine: spark")
                .hasMessageContaining("maxbytes").satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
}
