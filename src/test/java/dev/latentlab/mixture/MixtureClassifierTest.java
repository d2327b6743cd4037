package dev.latentlab.mixture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MixtureClassifierTest {
    @Test
    void classifiesWithMoreComponentsThanClasses() {
        // four clusters, two classes: 0 = clusters at (0,0) and (8,8); 1 = clusters at (8,0) and (0,8)
        double[][] means = {{0, 0}, {8, 8}, {8, 0}, {0, 8}};
        Blobs train = Blobs.isotropic(1, 800, 0.8, means);
        Blobs test = Blobs.isotropic(2, 400, 0.8, means);
        int[] trainClass = toClass(train.labels());

        GaussianMixture gmm = GaussianMixture.fit(train.x(), GmmOptions.defaults(4).withNInit(2));
        MixtureClassifier clf = MixtureClassifier.train(gmm, train.x(), trainClass);

        assertThat(clf.predict(test.x())).containsExactly(toClass(test.labels()));
        assertThat(clf.mapping().componentLabels()).containsExactlyInAnyOrder(0, 0, 1, 1);
    }

    @Test
    void mappingMustMatchTheModel() {
        GaussianMixture gmm = GaussianMixture.of(CovarianceType.SPHERICAL, new double[] {1}, new double[][] {{0}},
                new double[][][] {{{1}}});

        assertThatThrownBy(() -> new MixtureClassifier(gmm, new ClusterLabelMapping(new int[] {1, 2})))
                .hasMessageContaining("the mapping has 2 components, the model 1");
    }

    private static int[] toClass(int[] cluster) {
        int[] out = new int[cluster.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = cluster[i] < 2 ? 0 : 1;
        }
        return out;
    }
}
