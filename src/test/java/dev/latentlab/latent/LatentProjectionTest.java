package dev.latentlab.latent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class LatentProjectionTest {

    @Test
    void twoDimensionalCodesAreLeftAsTheyAre() {
        LatentProjection p = LatentProjection.fit(new double[][] {{1, 2}, {3, 4}});
        assertThat(p.project(new double[] {5, -6})).containsExactly(5.0, -6.0);
    }

    @Test
    void leadingAxisFollowsTheDirectionOfMostVariance() {
        Random rng = new Random(1);
        double[][] z = new double[2000][3];
        for (double[] row : z) {
            double t = rng.nextGaussian() * 5;
            row[0] = 1 + t + rng.nextGaussian() * 0.1;
            row[1] = 2 + t + rng.nextGaussian() * 0.1;
            row[2] = 3 + rng.nextGaussian();
        }
        LatentProjection p = LatentProjection.fit(z);
        assertThat(Math.abs(p.axes()[0][0])).isCloseTo(Math.sqrt(0.5), within(0.01));
        assertThat(Math.abs(p.axes()[0][1])).isCloseTo(Math.sqrt(0.5), within(0.01));
        assertThat(Math.abs(p.axes()[1][2])).isCloseTo(1.0, within(0.01));
        double[][] cov = p.project(new double[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}});
        assertThat(cov[0][0]).isCloseTo(1.0, within(1e-9));
        assertThat(cov[0][1]).isCloseTo(0.0, within(1e-9));
    }

    @Test
    void ellipsePointsLieOnTheMahalanobisContour() {
        double[][] cov = {{4, 1.5}, {1.5, 1}};
        double det = cov[0][0] * cov[1][1] - cov[0][1] * cov[0][1];
        double[][] inv = {{cov[1][1] / det, -cov[0][1] / det}, {-cov[0][1] / det, cov[0][0] / det}};
        double[][] e = LatentProjection.ellipse(new double[] {2, -1}, cov, 2, 64);
        for (int i = 0; i < 64; i++) {
            double dx = e[0][i] - 2, dy = e[1][i] + 1;
            double q = dx * (inv[0][0] * dx + inv[0][1] * dy) + dy * (inv[1][0] * dx + inv[1][1] * dy);
            assertThat(q).isCloseTo(4.0, within(1e-9));
        }
    }
}
