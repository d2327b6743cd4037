package dev.latentlab.mixture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class GaussianMixtureTest {
    private static final double[][] MEANS3 = {{0, 0}, {6, 1}, {1, 7}};
    private static final double[] WEIGHTS3 = {0.5, 0.3, 0.2};

    @Test
    void oneDimensionalLogLikelihoodMatchesTheClosedForm() {
        double[] w = {0.3, 0.7};
        double[] mu = {-1, 2};
        double[] var = {0.5, 2};
        GaussianMixture gmm = GaussianMixture.of(CovarianceType.FULL, w, new double[][] {{mu[0]}, {mu[1]}},
                new double[][][] {{{var[0]}}, {{var[1]}}});
        double[][] x = {{-1}, {0}, {0.5}, {3}, {10}, {-40}};

        double[] ll = gmm.logLikelihood(x);
        double[][] proba = gmm.predictProba(x);

        for (int t = 0; t < x.length; t++) {
            double p0 = w[0] * normal(x[t][0], mu[0], var[0]);
            double p1 = w[1] * normal(x[t][0], mu[1], var[1]);
            if (t < 5) {
                assertThat(ll[t]).as("x=%s", x[t][0]).isCloseTo(Math.log(p0 + p1), within(1e-9));
                assertThat(proba[t][0]).isCloseTo(p0 / (p0 + p1), within(1e-9));
            }
        }
        // x = -40: log-sum-exp by hand, the densities themselves underflow in the second component
        double l0 = Math.log(w[0]) - 0.5 * Math.log(2 * Math.PI * var[0]) - 39 * 39 / (2 * var[0]);
        double l1 = Math.log(w[1]) - 0.5 * Math.log(2 * Math.PI * var[1]) - 42 * 42 / (2 * var[1]);
        double max = Math.max(l0, l1);
        assertThat(ll[5]).isCloseTo(max + Math.log(Math.exp(l0 - max) + Math.exp(l1 - max)), within(1e-9));
    }

    @Test
    void correlatedTwoDimensionalDensityMatchesTheClosedForm() {
        double[][] cov = {{2, 0.6}, {0.6, 1}};
        GaussianMixture gmm = GaussianMixture.of(CovarianceType.FULL, new double[] {1}, new double[][] {{1, -1}},
                new double[][][] {cov});
        double[] x = {0.2, 0.7};
        double det = 2 - 0.36;
        double dx = x[0] - 1;
        double dy = x[1] + 1;
        double maha = (1 * dx * dx - 2 * 0.6 * dx * dy + 2 * dy * dy) / det;

        double ll = gmm.logLikelihood(new double[][] {x})[0];

        assertThat(ll).isCloseTo(-Math.log(2 * Math.PI) - 0.5 * Math.log(det) - 0.5 * maha, within(1e-12));
    }

    @Test
    void recoversAKnownMixtureForEveryCovarianceType() {
        double[][][] factors = {
            {{1.0, 0.5, 0.6}, {0.7, -0.3, 0.5}, {0.5, 0.2, 0.9}},   // full: correlated
            {{1.0, 0, 0.5}, {0.4, 0, 0.8}, {0.7, 0, 0.7}},           // diagonal
            {{0.8, 0, 0.8}, {0.5, 0, 0.5}, {1.0, 0, 1.0}},           // spherical
        };
        CovarianceType[] types = CovarianceType.values();
        for (int ti = 0; ti < types.length; ti++) {
            Blobs data = Blobs.generate(11 + ti, 3000, WEIGHTS3, MEANS3, factors[ti]);

            GaussianMixture gmm = GaussianMixture.fit(data.x(), GmmOptions.defaults(3).withCovarianceType(types[ti]));

            assertThat(gmm.converged()).as(types[ti].name()).isTrue();
            for (int c = 0; c < 3; c++) {
                int m = nearestMean(gmm, MEANS3[c]);
                assertThat(distance(gmm.means()[m], MEANS3[c])).as("%s mean %d", types[ti], c).isLessThan(0.1);
                assertThat(gmm.weights()[m]).as("%s weight %d", types[ti], c).isCloseTo(WEIGHTS3[c], within(0.03));
                double[][] expected = Blobs.covariance(factors[ti][c]);
                double[][] got = gmm.covariances()[m];
                for (int i = 0; i < 2; i++) {
                    for (int j = 0; j < 2; j++) {
                        assertThat(got[i][j]).as("%s cov %d[%d][%d]", types[ti], c, i, j)
                                .isCloseTo(expected[i][j], within(0.1 * (expected[i][i] + expected[j][j])));
                    }
                }
            }
        }
    }

    @Test
    void logLikelihoodHistoryNeverDecreases() {
        Blobs data = Blobs.isotropic(5, 1500, 1.5, new double[][] {{0, 0}, {3, 0}, {0, 3}, {3, 3}});
        for (CovarianceType type : CovarianceType.values()) {
            GaussianMixture gmm = GaussianMixture.fit(data.x(),
                    GmmOptions.defaults(5).withCovarianceType(type).withTol(1e-8).withMaxIter(60).withInit(GmmOptions.Init.RANDOM));
            double[] h = gmm.logLikelihoodHistory();

            assertThat(h).hasSize(gmm.iterations());
            assertThat(gmm.iterations()).isGreaterThan(5);
            for (int i = 2; i < h.length; i++) {
                assertThat(h[i]).as("%s iteration %d", type, i).isGreaterThanOrEqualTo(h[i - 1] - 1e-10);
            }
            assertThat(h[h.length - 1]).isEqualTo(gmm.lowerBound());
            assertThat(gmm.meanLogLikelihood()).isGreaterThanOrEqualTo(gmm.lowerBound() - 1e-10);
            assertThat(gmm.score(data.x())).isCloseTo(gmm.meanLogLikelihood(), within(1e-12));
        }
    }

    @Test
    void tightClustersGiveFiniteLogLikelihoods() {
        Blobs data = Blobs.isotropic(3, 600, 1e-4, new double[][] {{0, 0}, {10, 0}, {0, 10}});
        for (double reg : new double[] {0, 1e-6}) {
            for (CovarianceType type : CovarianceType.values()) {
                GaussianMixture gmm = GaussianMixture.fit(data.x(),
                        GmmOptions.defaults(3).withCovarianceType(type).withRegCovar(reg));
                double[][] probe = {{0, 0}, {5, 5}, {1e3, -1e3}};

                assertThat(Arrays.stream(gmm.logLikelihood(data.x())).allMatch(Double::isFinite)).isTrue();
                assertThat(Arrays.stream(gmm.logLikelihood(probe)).allMatch(Double::isFinite)).isTrue();
                assertThat(gmm.meanLogLikelihood()).isGreaterThan(reg == 0 ? 10 : 5);
                for (double[] row : gmm.predictProba(probe)) {
                    assertThat(Arrays.stream(row).sum()).isCloseTo(1, within(1e-12));
                }
                if (reg == 0) {
                    assertThat(gmm.covariances()[0][0][0]).isCloseTo(1e-8, within(5e-9));
                }
                assertThat(clusterAgreement(gmm.predict(data.x()), data.labels())).isEqualTo(1.0);
            }
        }
    }

    @Test
    void nInitKeepsTheBestInitialisation() {
        Blobs data = Blobs.isotropic(9, 600, 0.8, new double[][] {{0, 0}, {4, 0}, {0, 4}, {4, 4}, {8, 8}, {2, 9}});
        GmmOptions options = GmmOptions.defaults(6).withInit(GmmOptions.Init.RANDOM_FROM_DATA).withMaxIter(3).withSeed(100);
        List<GaussianMixture> restarts = GaussianMixture.restarts(data.x(), options.withNInit(8));
        double[] singles = restarts.stream().mapToDouble(GaussianMixture::lowerBound).toArray();
        GaussianMixture bestSingle = restarts.stream().reduce((a, b) -> b.lowerBound() > a.lowerBound() ? b : a).get();

        GaussianMixture best = GaussianMixture.fit(data.x(), options.withNInit(8));

        assertThat(Arrays.stream(singles).max().getAsDouble() - Arrays.stream(singles).min().getAsDouble())
                .as("the initialisations must disagree for this test to mean anything").isGreaterThan(0.01);
        assertThat(best).isEqualTo(bestSingle);
    }

    @Test
    void bicSelectsTheTrueNumberOfComponents() {
        Blobs data = Blobs.isotropic(21, 800, 0.7, new double[][] {{0, 0}, {5, 0}, {0, 5}, {5, 5}});
        int bestK = 0;
        double bestBic = Double.POSITIVE_INFINITY;
        for (int k = 2; k <= 6; k++) {
            GaussianMixture gmm = GaussianMixture.fit(data.x(), GmmOptions.defaults(k).withNInit(2));
            double bic = gmm.bic(data.x());
            if (bic < bestBic) {
                bestBic = bic;
                bestK = k;
            }
        }
        assertThat(bestK).isEqualTo(4);
    }

    @Test
    void bicAndAicCountParametersAsScikitLearn() {
        Blobs data = Blobs.isotropic(1, 200, 1, new double[][] {{0, 0}, {6, 0}, {0, 6}});
        long[] expected = {17, 14, 11}; // full: 3·2 + 3·3 + 2; diag: 6 + 6 + 2; spherical: 6 + 3 + 2
        for (CovarianceType type : CovarianceType.values()) {
            GaussianMixture gmm = GaussianMixture.fit(data.x(), GmmOptions.defaults(3).withCovarianceType(type));
            double total = Arrays.stream(gmm.logLikelihood(data.x())).sum();

            assertThat(gmm.parameterCount()).isEqualTo(expected[type.ordinal()]);
            assertThat(gmm.bic(data.x())).isCloseTo(-2 * total + expected[type.ordinal()] * Math.log(200), within(1e-8));
            assertThat(gmm.aic(data.x())).isCloseTo(-2 * total + 2 * expected[type.ordinal()], within(1e-8));
        }
    }

    @Test
    void sameSeedGivesTheSameResult() {
        Blobs data = Blobs.isotropic(4, 500, 1.0, new double[][] {{0, 0}, {3, 0}, {0, 3}});
        for (GmmOptions.Init init : GmmOptions.Init.values()) {
            GmmOptions options = GmmOptions.defaults(3).withInit(init).withNInit(2).withSeed(42);

            assertThat(GaussianMixture.fit(data.x(), options)).isEqualTo(GaussianMixture.fit(data.x(), options));
        }
    }

    @Test
    void adjacentSeedsShareNoRestart() {
        // new Random(seed + i) gave seed s restarts s, s+1, s+2 and seed s+1 restarts s+1, s+2, s+3
        Blobs data = Blobs.isotropic(4, 500, 1.0, new double[][] {{0, 0}, {3, 0}, {0, 3}});
        for (GmmOptions.Init init : List.of(GmmOptions.Init.KMEANS_PLUS_PLUS, GmmOptions.Init.RANDOM_FROM_DATA,
                GmmOptions.Init.RANDOM)) {
            for (long seed : new long[] {1, 41}) {
                GmmOptions options = GmmOptions.defaults(3).withInit(init).withNInit(3);
                double[][][] a = GaussianMixture.restartMeans(data.x(), options.withSeed(seed));
                double[][][] b = GaussianMixture.restartMeans(data.x(), options.withSeed(seed + 1));
                List<double[][]> all = new java.util.ArrayList<>(List.of(a));
                all.addAll(List.of(b));
                for (int i = 0; i < all.size(); i++) {
                    for (int j = i + 1; j < all.size(); j++) {
                        assertThat(Arrays.deepEquals(all.get(i), all.get(j)))
                                .as("%s, seeds %d and %d: restarts %d and %d start alike", init, seed, seed + 1, i, j)
                                .isFalse();
                    }
                }
            }
        }
    }

    @Test
    void samplesFollowTheWeightsAndMeans() {
        double[][][] covs = {Blobs.covariance(new double[] {1, 0.5, 0.5}), {{0.5, 0}, {0, 0.5}}, {{2, 0}, {0, 0.2}}};
        GaussianMixture gmm = GaussianMixture.of(CovarianceType.FULL, WEIGHTS3, MEANS3, covs);
        int n = 30000;

        MixtureSamples s = gmm.sample(n, new Random(8));

        for (int c = 0; c < 3; c++) {
            int count = 0;
            double[] sum = new double[2];
            double[][] second = new double[2][2];
            for (int t = 0; t < n; t++) {
                if (s.components()[t] == c) {
                    count++;
                    for (int i = 0; i < 2; i++) {
                        sum[i] += s.x()[t][i];
                        for (int j = 0; j < 2; j++) {
                            second[i][j] += (s.x()[t][i] - MEANS3[c][i]) * (s.x()[t][j] - MEANS3[c][j]);
                        }
                    }
                }
            }
            assertThat((double) count / n).isCloseTo(WEIGHTS3[c], within(0.01));
            for (int i = 0; i < 2; i++) {
                assertThat(sum[i] / count).isCloseTo(MEANS3[c][i], within(0.05));
                for (int j = 0; j < 2; j++) {
                    assertThat(second[i][j] / count).isCloseTo(covs[c][i][j], within(0.1));
                }
            }
        }
        double[][] only = gmm.sampleComponent(2, 5000, new Random(1));
        assertThat(Arrays.stream(only).mapToDouble(r -> r[1]).average().getAsDouble()).isCloseTo(7, within(0.05));
    }

    @Test
    void predictProbaRowsSumToOneAndPredictIsTheirArgmax() {
        Blobs data = Blobs.isotropic(6, 400, 1.2, new double[][] {{0, 0}, {2, 0}, {0, 2}});
        GaussianMixture gmm = GaussianMixture.fit(data.x(), GmmOptions.defaults(3));

        double[][] proba = gmm.predictProba(data.x());
        int[] predicted = gmm.predict(data.x());

        for (int t = 0; t < proba.length; t++) {
            assertThat(Arrays.stream(proba[t]).sum()).isCloseTo(1, within(1e-12));
            assertThat(Arrays.stream(proba[t]).allMatch(p -> p >= 0 && p <= 1)).isTrue();
            int arg = 0;
            for (int c = 1; c < 3; c++) {
                if (proba[t][c] > proba[t][arg]) {
                    arg = c;
                }
            }
            assertThat(predicted[t]).isEqualTo(arg);
        }
    }

    @Test
    void precisionCholeskyFactorsTheInverseCovariance() {
        double[][] cov = {{2, 0.6, 0.1}, {0.6, 1, -0.3}, {0.1, -0.3, 0.5}};
        GaussianMixture gmm = GaussianMixture.of(CovarianceType.FULL, new double[] {1}, new double[][] {{0, 0, 0}},
                new double[][][] {cov});

        double[][] u = gmm.precisionCholesky(0);

        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < i; j++) {
                assertThat(u[i][j]).isZero();
            }
            for (int j = 0; j < 3; j++) {
                double v = 0; // (Σ U Uᵀ)[i][j] must be the identity
                for (int p = 0; p < 3; p++) {
                    for (int q = 0; q < 3; q++) {
                        v += cov[i][p] * u[p][q] * u[j][q];
                    }
                }
                assertThat(v).isCloseTo(i == j ? 1 : 0, within(1e-12));
            }
        }
    }

    @Test
    void failsClearlyOnACollapsedComponentWithoutRegularisation() {
        double[][] x = new double[40][];
        for (int t = 0; t < 40; t++) {
            x[t] = t < 10 ? new double[] {5, 5} : new double[] {Math.sin(t), Math.cos(3 * t)};
        }

        assertThatThrownBy(() -> GaussianMixture.fit(x, GmmOptions.defaults(2).withRegCovar(0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not positive definite").hasMessageContaining("regCovar");
        assertThat(Arrays.stream(GaussianMixture.fit(x, GmmOptions.defaults(2)).logLikelihood(x)).allMatch(Double::isFinite)).isTrue();
    }

    @Test
    void rejectsBadSamplesAndOptions() {
        assertThatThrownBy(() -> GaussianMixture.fit(new double[][] {{1, 2}}, GmmOptions.defaults(2)))
                .hasMessageContaining("at least as many samples");
        assertThatThrownBy(() -> GaussianMixture.fit(new double[][] {{1, 2}, {Double.NaN, 1}}, GmmOptions.defaults(1)))
                .hasMessageContaining("sample 1, feature 0 is NaN");
        assertThatThrownBy(() -> GaussianMixture.fit(new double[][] {{1, 2}, {1}}, GmmOptions.defaults(1)))
                .hasMessageContaining("sample 1 has 1 features, expected 2");
        GaussianMixture gmm = GaussianMixture.of(CovarianceType.SPHERICAL, new double[] {1}, new double[][] {{0, 0}},
                new double[][][] {{{1, 0}, {0, 1}}});
        assertThatThrownBy(() -> gmm.predict(new double[][] {{1, 2, 3}})).hasMessageContaining("expected 2");
        assertThatThrownBy(() -> GmmOptions.defaults(0)).hasMessageContaining("components must be >= 1");
        assertThatThrownBy(() -> GmmOptions.defaults(2).withTol(-1)).hasMessageContaining("tol");
        assertThatThrownBy(() -> GmmOptions.defaults(2).withNInit(0)).hasMessageContaining("nInit");
        assertThatThrownBy(() -> GaussianMixture.of(CovarianceType.SPHERICAL, new double[] {1}, new double[][] {{0, 0}},
                new double[][][] {{{1, 0}, {0, 2}}})).hasMessageContaining("unequal variances");
        assertThatThrownBy(() -> GaussianMixture.of(CovarianceType.DIAGONAL, new double[] {1}, new double[][] {{0, 0}},
                new double[][][] {{{1, 0.1}, {0.1, 2}}})).hasMessageContaining("off-diagonal");
        assertThatThrownBy(() -> GaussianMixture.of(CovarianceType.FULL, new double[] {1}, new double[][] {{0, 0}},
                new double[][][] {{{1, 2}, {2, 1}}})).hasMessageContaining("component 0").hasMessageContaining("positive definite");
        assertThatThrownBy(() -> GaussianMixture.of(CovarianceType.FULL, new double[] {0.5, 0.6}, new double[][] {{0}, {1}},
                new double[][][] {{{1}}, {{1}}})).hasMessageContaining("weights sum to");
    }

    @Test
    void isImmutable() {
        double[] w = {1};
        double[][] mu = {{0, 0}};
        GaussianMixture gmm = GaussianMixture.of(CovarianceType.FULL, w, mu, new double[][][] {{{1, 0}, {0, 1}}});
        w[0] = 7;
        mu[0][0] = 7;
        gmm.means()[0][1] = 9;
        gmm.covariances()[0][0][0] = 9;

        assertThat(gmm.weights()).containsExactly(1);
        assertThat(gmm.means()[0]).containsExactly(0, 0);
        assertThat(gmm.covariances()[0][0]).containsExactly(1, 0);
    }

    static double clusterAgreement(int[] predicted, int[] truth) {
        ClusterLabelMapping mapping = ClusterLabelMapping.fit(predicted, truth, Arrays.stream(predicted).max().getAsInt() + 1);
        int[] mapped = mapping.apply(predicted);
        int ok = 0;
        for (int t = 0; t < truth.length; t++) {
            ok += mapped[t] == truth[t] ? 1 : 0;
        }
        return (double) ok / truth.length;
    }

    private static double normal(double x, double mu, double var) {
        return Math.exp(-(x - mu) * (x - mu) / (2 * var)) / Math.sqrt(2 * Math.PI * var);
    }

    private static int nearestMean(GaussianMixture gmm, double[] target) {
        int best = 0;
        for (int c = 1; c < gmm.components(); c++) {
            if (distance(gmm.means()[c], target) < distance(gmm.means()[best], target)) {
                best = c;
            }
        }
        return best;
    }

    private static double distance(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return Math.sqrt(s);
    }
}
