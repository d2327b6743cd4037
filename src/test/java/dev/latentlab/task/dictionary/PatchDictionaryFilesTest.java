package dev.latentlab.task.dictionary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latentlab.BadInputException;
import dev.latentlab.data.NpyArray;
import dev.latentlab.patches.PatchCodebook;
import dev.latentlab.patches.PatchDictionary;
import dev.latentlab.patches.SparseCoderTest;
import dev.latentlab.patches.SparseDictionary;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class PatchDictionaryFilesTest {
    @TempDir
    Path tmp;

    /** K = 3 centroids of 5x5 with distinct, non-integer values, so a transposed or shifted read shows. */
    static PatchDictionary sample() {
        int k = 3;
        float[] centroids = new float[k * 25];
        for (int i = 0; i < centroids.length; i++) {
            centroids[i] = i * 1.25f + 0.5f;
        }
        return new PatchDictionary(5, 2, k, centroids, new long[] {7, 0, 12_345_678_901L});
    }

    @Test
    void savedDictionaryLoadsBackEqual() throws IOException {
        PatchDictionary saved = sample();
        Path dir = tmp.resolve("models/x/k3");

        PatchDictionaryFiles.save(saved, dir, Map.of("note", "hello"));
        PatchDictionary loaded = PatchDictionaryFiles.load(dir);

        assertThat(loaded.patchSize()).isEqualTo(5);
        assertThat(loaded.stride()).isEqualTo(2);
        assertThat(loaded.k()).isEqualTo(3);
        assertThat(loaded.centroids()).containsExactly(saved.centroids());
        assertThat(loaded.counts()).containsExactly(7, 0, 12_345_678_901L);
        assertThat(Files.readString(dir.resolve(PatchDictionaryFiles.SIDECAR)))
                .contains("\"format\" : \"" + PatchDictionaryFiles.FORMAT + "\"")
                .contains("\"note\" : \"hello\"");
    }

    @Test
    void savedSparseDictionaryLoadsBackWithItsNonZerosAndIsNotAKMeansOne() throws IOException {
        float[] atoms = SparseCoderTest.bars();
        SparseDictionary saved = new SparseDictionary(5, 1, 10, 3, atoms, new long[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 0});
        Path dir = tmp.resolve("models/x/sparse_k10");

        PatchDictionaryFiles.save(saved, dir, Map.of());
        PatchCodebook loaded = PatchDictionaryFiles.loadCodebook(dir);

        assertThat(loaded).isInstanceOf(SparseDictionary.class);
        SparseDictionary sparse = (SparseDictionary) loaded;
        assertThat(sparse.nonZeros()).isEqualTo(3);
        assertThat(sparse.atoms()).containsExactly(atoms);
        assertThat(sparse.usage()).containsExactly(saved.usage());
        assertThat(dir.resolve(PatchDictionaryFiles.ATOMS)).isNotEmptyFile();
        assertThat(dir.resolve(PatchDictionaryFiles.CENTROIDS)).doesNotExist();
        assertThat(Files.readString(dir.resolve(PatchDictionaryFiles.SIDECAR))).contains("\"method\" : \"sparse\"");
        assertThatThrownBy(() -> PatchDictionaryFiles.load(dir)).isInstanceOf(BadInputException.class)
                .hasMessage(dir + ": a sparse-coding dictionary, expected a k-means one");
    }

    @Test
    void centroidsNpyHasTheNumpyHeaderAndLittleEndianFloats() throws IOException {
        PatchDictionary saved = sample();
        PatchDictionaryFiles.save(saved, tmp, Map.of());

        byte[] npy = Files.readAllBytes(tmp.resolve(PatchDictionaryFiles.CENTROIDS));
        assertThat(Arrays.copyOf(npy, 6)).containsExactly(0x93, 'N', 'U', 'M', 'P', 'Y');
        int major = npy[6];
        int headerLength;
        int headerStart;
        if (major == 1) {
            headerLength = (npy[8] & 0xff) | (npy[9] & 0xff) << 8;
            headerStart = 10;
        } else {
            headerLength = ByteBuffer.wrap(npy, 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
            headerStart = 12;
        }
        String header = new String(npy, headerStart, headerLength, StandardCharsets.ISO_8859_1);
        assertThat(header.replace(" ", "")).contains("'descr':'<f4'").contains("'fortran_order':False")
                .contains("'shape':(3,5,5)");
        assertThat((headerStart + headerLength) % 16).as("numpy aligns the data to 16 bytes").isZero();
        // The data: K*25 little-endian float32 values in C order.
        ByteBuffer data = ByteBuffer.wrap(npy, headerStart + headerLength, npy.length - headerStart - headerLength)
                .order(ByteOrder.LITTLE_ENDIAN);
        assertThat(data.remaining()).isEqualTo(3 * 25 * 4);
        float[] values = new float[3 * 25];
        data.asFloatBuffer().get(values);
        assertThat(values).containsExactly(saved.centroids());

        String counts = new String(Files.readAllBytes(tmp.resolve(PatchDictionaryFiles.COUNTS)), StandardCharsets.ISO_8859_1);
        assertThat(counts.replace(" ", "")).contains("'descr':'<i8'").contains("'shape':(3,)");
    }

    @Test
    void aDictionaryOfASetLoadsOnlyWithTheSetsStamp() throws IOException {
        PatchDictionaryFiles.save(sample(), tmp.resolve("k4"), Map.of(), "set-a");
        PatchDictionaryFiles.save(sample(), tmp.resolve("k8"), Map.of(), "set-a");
        PatchDictionaryFiles.saveSet(tmp, "set-a", java.util.List.of("k4", "k8"));
        assertThat(PatchDictionaryFiles.load(tmp.resolve("k4")).k()).isEqualTo(sample().k());

        PatchDictionaryFiles.save(sample(), tmp.resolve("k8"), Map.of(), "set-b");   // a part of another save
        assertThatThrownBy(() -> PatchDictionaryFiles.load(tmp.resolve("k8"))).isInstanceOf(BadInputException.class)
                .hasMessageContaining("k8").hasMessageContaining("set-b").hasMessageContaining("set-a");
        Files.delete(tmp.resolve("k4").resolve(dev.latentlab.store.PartStamp.FILE));   // an unstamped part
        assertThatThrownBy(() -> PatchDictionaryFiles.load(tmp.resolve("k4"))).isInstanceOf(BadInputException.class)
                .hasMessageContaining("missing");
    }

    @Test
    void folderWithoutSidecarIsBadInputNamingTheFolder() {
        assertThatThrownBy(() -> PatchDictionaryFiles.load(tmp)).isInstanceOf(BadInputException.class)
                .hasMessageContaining(tmp.toString()).hasMessageContaining("dictionary.json");
        Path missing = tmp.resolve("nope");
        assertThatThrownBy(() -> PatchDictionaryFiles.load(missing)).isInstanceOf(BadInputException.class)
                .hasMessageContaining(missing.toString());
    }

    @Test
    void corruptNpyIsBadInputNamingTheFile() throws IOException {
        PatchDictionaryFiles.save(sample(), tmp, Map.of());
        Path npy = tmp.resolve(PatchDictionaryFiles.CENTROIDS);
        Files.write(npy, "this is not a numpy file at all, just some text of reasonable length".getBytes(StandardCharsets.US_ASCII));

        assertThatThrownBy(() -> PatchDictionaryFiles.load(tmp)).isInstanceOf(BadInputException.class)
                .hasMessageContaining(npy.toString()).hasMessageNotContaining("\n");
    }

    @Test
    void truncatedNpyIsBadInputNamingTheFile() throws IOException {
        PatchDictionaryFiles.save(sample(), tmp, Map.of());
        Path npy = tmp.resolve(PatchDictionaryFiles.CENTROIDS);
        byte[] bytes = Files.readAllBytes(npy);
        Files.write(npy, Arrays.copyOf(bytes, bytes.length - 40));

        assertThatThrownBy(() -> PatchDictionaryFiles.load(tmp)).isInstanceOf(BadInputException.class)
                .hasMessageContaining(npy.toString()).hasMessageNotContaining("\n");
    }

    @Test
    void npyOfTheWrongLengthIsBadInputNamingTheFile() throws IOException {
        PatchDictionaryFiles.save(sample(), tmp, Map.of());
        Path npy = tmp.resolve(PatchDictionaryFiles.CENTROIDS);
        try (INDArray two = Nd4j.create(new float[2 * 25], new long[] {2, 5, 5}, DataType.FLOAT)) {
            Files.write(npy, Nd4j.toNpyByteArray(two));
        }

        assertThatThrownBy(() -> PatchDictionaryFiles.load(tmp)).isInstanceOf(BadInputException.class)
                .hasMessageContaining(npy.toString()).hasMessageContaining("expected 75 values");
    }

    @Test
    void float64CentroidsFromNumpyLoadButFloatCountsAreBadInput() throws IOException {
        PatchDictionary saved = sample();
        PatchDictionaryFiles.save(saved, tmp, Map.of());
        double[] values = new double[saved.centroids().length];
        for (int i = 0; i < values.length; i++) {
            values[i] = saved.centroids()[i];
        }
        Files.write(tmp.resolve(PatchDictionaryFiles.CENTROIDS),
                NpyArray.ofFloat64(values, saved.k(), saved.patchSize(), saved.patchSize()).toNpyBytes());
        assertThat(PatchDictionaryFiles.load(tmp).centroids()).isEqualTo(saved.centroids());

        Path counts = tmp.resolve(PatchDictionaryFiles.COUNTS);
        Files.write(counts, NpyArray.ofFloat64(new double[saved.k()], saved.k()).toNpyBytes());
        assertThatThrownBy(() -> PatchDictionaryFiles.load(tmp)).isInstanceOf(BadInputException.class)
                .hasMessageContaining(counts.toString()).hasMessageContaining("expected integer counts");
    }

    @Test
    void sidecarOfAnotherFormatIsBadInput() throws IOException {
        PatchDictionaryFiles.save(sample(), tmp, Map.of());
        Path json = tmp.resolve(PatchDictionaryFiles.SIDECAR);
        Files.writeString(json, Files.readString(json).replace(PatchDictionaryFiles.FORMAT, "something/else"));

        assertThatThrownBy(() -> PatchDictionaryFiles.load(tmp)).isInstanceOf(BadInputException.class)
                .hasMessageContaining(json.toString()).hasMessageContaining("format");
    }
}
