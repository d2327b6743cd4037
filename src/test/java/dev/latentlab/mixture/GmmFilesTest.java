package dev.latentlab.mixture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.latentlab.BadInputException;
import dev.latentlab.data.NpyArray;
import dev.latentlab.data.NpzReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GmmFilesTest {
    @TempDir
    Path tmp;

    private final Blobs data = Blobs.isotropic(3, 300, 0.7, new double[][] {{0, 0}, {5, 0}, {0, 5}});

    @Test
    void fittedModelsRoundTripForEveryCovarianceType() throws IOException {
        for (CovarianceType type : CovarianceType.values()) {
            GaussianMixture gmm = GaussianMixture.fit(data.x(), GmmOptions.defaults(3).withCovarianceType(type));
            Path dir = tmp.resolve(type.name());

            GmmFiles.save(gmm, dir);
            GaussianMixture back = GmmFiles.load(dir);

            assertThat(back).isEqualTo(gmm);
            assertThat(back.logLikelihood(data.x())).containsExactly(gmm.logLikelihood(data.x()));
        }
    }

    @Test
    void writesNumpyArraysAndAJsonSidecar() throws IOException {
        GaussianMixture gmm = GaussianMixture.fit(data.x(), GmmOptions.defaults(3).withCovarianceType(CovarianceType.SPHERICAL));

        GmmFiles.save(gmm, tmp);

        Map<String, NpyArray> arrays = NpzReader.readArrays(tmp.resolve(GmmFiles.ARRAYS));
        assertThat(arrays.keySet()).containsExactly("weights", "means", "covariances", "precisions_cholesky");
        assertThat(arrays.get("weights").describe()).isEqualTo("float64 [3]");
        assertThat(arrays.get("means").describe()).isEqualTo("float64 [3, 2]");
        assertThat(arrays.get("covariances").describe()).isEqualTo("float64 [3, 2, 2]");
        double[] cov = arrays.get("covariances").toDoubleArray();
        assertThat(cov[0]).isEqualTo(cov[3]).isEqualTo(gmm.covariances()[0][1][1]);
        assertThat(arrays.get("precisions_cholesky").toDoubleArray()[0]).isEqualTo(gmm.precisionCholesky(0)[0][0]);
        JsonNode json = new ObjectMapper().readTree(tmp.resolve(GmmFiles.SIDECAR).toFile());
        assertThat(json.path("covariance_type").asText()).isEqualTo("spherical");
        assertThat(json.path("n_components").asInt()).isEqualTo(3);
        assertThat(json.path("log_likelihood_history").size()).isEqualTo(gmm.iterations());
    }

    @Test
    void classifiersRoundTripWithTheirLabels() throws IOException {
        GaussianMixture gmm = GaussianMixture.fit(data.x(), GmmOptions.defaults(3));
        MixtureClassifier clf = MixtureClassifier.train(gmm, data.x(), data.labels());

        GmmFiles.save(clf, tmp);

        assertThat(GmmFiles.loadClassifier(tmp)).isEqualTo(clf);
        assertThat(GmmFiles.load(tmp)).isEqualTo(gmm);
    }

    @Test
    void unfittedModelsRoundTripWithoutAMeanLogLikelihood() throws IOException {
        GaussianMixture gmm = GaussianMixture.of(CovarianceType.DIAGONAL, new double[] {0.25, 0.75},
                new double[][] {{1}, {2}}, new double[][][] {{{0.5}}, {{2}}});

        GmmFiles.save(gmm, tmp);

        assertThat(GmmFiles.load(tmp)).isEqualTo(gmm);
    }

    @Test
    void badFoldersAreBadInput() throws IOException {
        assertThatThrownBy(() -> GmmFiles.load(tmp.resolve("none"))).isInstanceOf(BadInputException.class)
                .hasMessageContaining("gmm.json not found");
        GmmFiles.save(GaussianMixture.fit(data.x(), GmmOptions.defaults(2)), tmp);
        assertThatThrownBy(() -> GmmFiles.loadClassifier(tmp)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("no 'component_labels'");
        Path json = tmp.resolve(GmmFiles.SIDECAR);
        Files.writeString(json, Files.readString(json).replace("\"n_components\" : 2", "\"n_components\" : 3"));
        assertThatThrownBy(() -> GmmFiles.load(tmp)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("array 'weights' has shape [2], expected [3]");
        Files.writeString(json, "{\"format\": \"something else\"}");
        assertThatThrownBy(() -> GmmFiles.load(tmp)).isInstanceOf(BadInputException.class).hasMessageContaining("format");
    }
}
