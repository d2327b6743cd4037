package dev.latentlab.mixture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ClusterLabelMappingTest {
    @Test
    void mapsEachComponentToItsMajorityLabel() {
        int[] components = {0, 0, 0, 1, 1, 2, 2, 2, 2};
        int[] labels = {4, 4, 1, 8, 8, 1, 1, 1, 4};

        ClusterLabelMapping mapping = ClusterLabelMapping.fit(components, labels, 3);

        assertThat(mapping.componentLabels()).containsExactly(4, 8, 1);
        assertThat(mapping.apply(new int[] {2, 0, 1, 1})).containsExactly(1, 4, 8, 8);
        assertThat(mapping.labelOf(1)).isEqualTo(8);
    }

    @Test
    void tiesGoToTheSmallerLabel() {
        ClusterLabelMapping mapping = ClusterLabelMapping.fit(new int[] {0, 0, 1, 1}, new int[] {9, 3, 7, 5}, 2);

        assertThat(mapping.componentLabels()).containsExactly(3, 5);
    }

    @Test
    void emptyComponentsGetTheOverallMajorityLabel() {
        // label 4 is the most frequent overall (4 samples), though no component's majority
        int[] components = {0, 0, 0, 0, 0, 0, 2, 2, 2};
        int[] labels = {1, 1, 1, 4, 4, 4, 8, 8, 4};

        ClusterLabelMapping mapping = ClusterLabelMapping.fit(components, labels, 4);

        assertThat(mapping.componentLabels()).containsExactly(1, 4, 8, 4);
    }

    @Test
    void handlesNegativeAndLargeLabels() {
        ClusterLabelMapping mapping = ClusterLabelMapping.fit(new int[] {0, 1, 1}, new int[] {-5, 1_000_000, 1_000_000}, 2);

        assertThat(mapping.componentLabels()).containsExactly(-5, 1_000_000);
    }

    @Test
    void rejectsInconsistentInput() {
        assertThatThrownBy(() -> ClusterLabelMapping.fit(new int[] {0, 1}, new int[] {1}, 2)).hasMessageContaining("2 components but 1 labels");
        assertThatThrownBy(() -> ClusterLabelMapping.fit(new int[] {0, 3}, new int[] {1, 1}, 2)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> new ClusterLabelMapping(new int[0])).hasMessageContaining("at least one component");
    }

    @Test
    void isAnImmutableValue() {
        int[] labels = {1, 2};
        ClusterLabelMapping mapping = new ClusterLabelMapping(labels);
        labels[0] = 9;
        mapping.componentLabels()[1] = 9;

        assertThat(mapping).isEqualTo(new ClusterLabelMapping(new int[] {1, 2}));
        assertThat(mapping.hashCode()).isEqualTo(new ClusterLabelMapping(new int[] {1, 2}).hashCode());
    }
}
