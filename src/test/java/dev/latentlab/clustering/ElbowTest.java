package dev.latentlab.clustering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ElbowTest {
    @Test
    void anLShapedCurveGivesItsCorner() {
        double[] k = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        double[] error = {100, 60, 20, 18, 16, 14, 12, 10, 8, 6};
        assertThat(Elbow.index(k, error)).isEqualTo(2);
    }

    @Test
    void cornerOnUnevenlySpacedK() {
        // A sharp corner at K = 64 on a doubling grid: the scaled distance to the chord is largest there.
        double[] k = {4, 8, 16, 32, 64, 128, 256};
        double[] error = {1000, 800, 600, 400, 200, 190, 180};
        assertThat(Elbow.index(k, error)).isEqualTo(4);
    }

    @Test
    void theCornerOfAnExactLIsFoundWhereverItIs() {
        for (int corner = 1; corner <= 7; corner++) {
            double[] k = new double[9];
            double[] error = new double[9];
            for (int i = 0; i < 9; i++) {
                k[i] = i;
                // A steep straight drop to the corner, then nearly flat.
                error[i] = i <= corner ? 100 - 90.0 * i / corner : 10 - 0.1 * (i - corner);
            }
            assertThat(Elbow.index(k, error)).as("corner %d", corner).isEqualTo(corner);
        }
    }

    @Test
    void fewerThanThreePointsOrAFlatCurveGiveZero() {
        assertThat(Elbow.index(new double[] {}, new double[] {})).isZero();
        assertThat(Elbow.index(new double[] {1}, new double[] {5})).isZero();
        assertThat(Elbow.index(new double[] {1, 2}, new double[] {5, 1})).isZero();
        assertThat(Elbow.index(new double[] {1, 2, 3}, new double[] {5, 5, 5})).isZero();
    }

    @Test
    void lengthsMustMatch() {
        assertThatThrownBy(() -> Elbow.index(new double[] {1, 2, 3}, new double[] {1, 2}))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
