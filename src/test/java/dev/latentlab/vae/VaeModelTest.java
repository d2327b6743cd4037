package dev.latentlab.vae;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class VaeModelTest {
    @Test
    void encodeMeanDoesNotDependOnTheBatchAroundAnImage() {
        VaeModel model = VaeModel.untrained(VaeArchitecture.DEFAULT, 11);
        INDArray fifty = VaeTestData.images(0, 50);
        INDArray seven = VaeTestData.images(20, 27);
        INDArray alone = model.encodeMean(seven);
        INDArray within = model.encodeMean(fifty).get(NDArrayIndex.interval(20, 27));
        assertThat(alone.shape()).containsExactly(7, 2);
        assertThat(alone.equalsWithEps(within, 1e-6)).as("alone %s vs within %s", alone, within).isTrue();
        // batched internally: more images than one inference batch give the same codes too
        INDArray many = Nd4j.concat(0, VaeTestData.images(0, 210), fifty);
        INDArray codes = model.encodeMean(many);
        assertThat(codes.get(NDArrayIndex.interval(230, 237)).equalsWithEps(alone, 1e-6)).isTrue();
    }

    @Test
    void floatRowsAndArraysGiveTheSameCodes() {
        VaeModel model = VaeModel.untrained(VaeTestData.TINY, 2);
        INDArray x = VaeTestData.images(0, 5);
        float[][] rows = x.reshape(5, 784).toFloatMatrix();
        float[][] mu = model.encodeMean(rows);
        assertThat(Nd4j.create(mu).castTo(DataType.FLOAT).equalsWithEps(model.encodeMean(x), 1e-6)).isTrue();
    }

    @Test
    void decodeAndReconstructShapes() {
        VaeModel model = VaeModel.untrained(VaeTestData.TINY, 2);
        assertThat(model.decode(Nd4j.zeros(DataType.FLOAT, 3, 2)).shape()).containsExactly(3, 1, 28, 28);
        assertThat(model.reconstruct(VaeTestData.images(0, 4)).shape()).containsExactly(4, 1, 28, 28);
        assertThat(model.decode(Nd4j.zeros(DataType.FLOAT, 0, 2)).shape()).containsExactly(0, 1, 28, 28);
        assertThatThrownBy(() -> model.decode(Nd4j.zeros(DataType.FLOAT, 3, 5))).hasMessageContaining("[n, 2]");
        assertThatThrownBy(() -> model.encodeMean(Nd4j.zeros(DataType.FLOAT, 3, 1, 27, 28)))
                .hasMessageContaining("[n, 1, 28, 28]");
    }

    @Test
    void saveAndLoadGiveIdenticalCodesAndReconstructions(@TempDir Path dir) throws Exception {
        VaeModel model = VaeModel.untrained(VaeTestData.TINY, 4);
        INDArray x = VaeTestData.images(0, 9);
        model.save(dir.resolve("m"));
        assertThat(dir.resolve("m").resolve(VaeModelFiles.SIDECAR)).exists();
        assertThat(Files.readString(dir.resolve("m").resolve(VaeModelFiles.SIDECAR))).contains("\"latentDim\" : 2", "\"seed\" : 4", "nd4j");
        VaeModel loaded = VaeModel.load(dir.resolve("m"));
        assertThat(loaded.architecture()).isEqualTo(model.architecture());
        assertThat(loaded.seed()).isEqualTo(4);
        assertThat(loaded.encodeMean(x)).isEqualTo(model.encodeMean(x));
        assertThat(loaded.reconstruct(x)).isEqualTo(model.reconstruct(x));
        try (var files = Files.list(dir.resolve("m"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(
                    VaeModelFiles.GRAPH, VaeModelFiles.SIDECAR);
        }
    }

    @Test
    void aModelOfAnOlderFormatIsRefusedWithOneLine(@TempDir Path dir) throws Exception {
        VaeModel.untrained(VaeTestData.TINY, 4).save(dir);
        Path sidecar = dir.resolve(VaeModelFiles.SIDECAR);
        Files.writeString(sidecar, Files.readString(sidecar).replace(VaeModelFiles.FORMAT, "latentlab.conv-vae/1"));
        assertThatThrownBy(() -> VaeModel.load(dir)).isInstanceOf(java.io.IOException.class)
                .hasMessageContaining(sidecar.toString()).hasMessageContaining("conv-vae/1")
                .hasMessageContaining("train it again").hasMessageNotContaining("\n");
    }

    @Test
    void lossIsFiniteAndWeightedOverBatches() {
        VaeModel model = VaeModel.untrained(VaeTestData.TINY, 4);
        VaeLoss loss = model.loss(VaeTestData.images(0, 20));
        assertThat(loss.isFinite()).isTrue();
        assertThat(loss.loss()).isCloseTo(loss.bce() + 0.5 * loss.kld(), org.assertj.core.api.Assertions.within(1e-3));
    }
}
