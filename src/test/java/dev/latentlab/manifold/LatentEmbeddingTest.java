package dev.latentlab.manifold;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latentlab.BadInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LatentEmbeddingTest {
    /** Three Gaussian blobs in 6-D, {@code perBlob} points each, label = blob. */
    private static double[][] blobs(int perBlob, long seed, int[] labels) {
        Random r = new Random(seed);
        double[][] x = new double[3 * perBlob][6];
        for (int i = 0; i < x.length; i++) {
            int blob = i % 3;
            if (labels != null) {
                labels[i] = blob;
            }
            for (int j = 0; j < 6; j++) {
                x[i][j] = r.nextGaussian() + (j == blob ? 8 : 0);
            }
        }
        return x;
    }

    private static final UmapOptions OPTIONS = new UmapOptions(2, 15, 0.05, 60, 7);
    private static final int[] LABELS = new int[300];
    /** One fit shared by the tests (UMAP is the slow part). */
    private static final LatentEmbedding FITTED = LatentEmbedding.fit(blobs(100, 1, LABELS), OPTIONS);

    @Test
    void fitIsRepeatableForASeedAndSeparatesTheBlobs() {
        int[] labels = LABELS;
        LatentEmbedding a = FITTED;
        LatentEmbedding b = LatentEmbedding.fit(blobs(100, 1, null), OPTIONS);
        assertThat(a.embedding()).isDeepEqualTo(b.embedding());
        assertThat(a.dimension()).isEqualTo(2);
        // every point's nearest embedded neighbour belongs to its own blob
        double[][] e = a.embedding();
        for (int i = 0; i < e.length; i++) {
            int best = -1;
            double bestD = Double.POSITIVE_INFINITY;
            for (int j = 0; j < e.length; j++) {
                double d = Math.hypot(e[i][0] - e[j][0], e[i][1] - e[j][1]);
                if (j != i && d < bestD) {
                    bestD = d;
                    best = j;
                }
            }
            assertThat(labels[best]).as("neighbour of point %d", i).isEqualTo(labels[i]);
        }
    }

    @Test
    void newPointsLandAmongTheirBlob() {
        int[] labels = LABELS;
        LatentEmbedding e = FITTED;
        int[] testLabels = new int[90];
        double[][] placed = e.transform(blobs(30, 99, testLabels));
        double[][] centre = new double[3][2];
        int[] count = new int[3];
        for (int i = 0; i < labels.length; i++) {
            centre[labels[i]][0] += e.embedding()[i][0];
            centre[labels[i]][1] += e.embedding()[i][1];
            count[labels[i]]++;
        }
        for (int c = 0; c < 3; c++) {
            centre[c][0] /= count[c];
            centre[c][1] /= count[c];
        }
        for (int i = 0; i < placed.length; i++) {
            int nearest = 0;
            for (int c = 1; c < 3; c++) {
                if (dist(placed[i], centre[c]) < dist(placed[i], centre[nearest])) {
                    nearest = c;
                }
            }
            assertThat(nearest).as("test point %d", i).isEqualTo(testLabels[i]);
        }
    }

    @Test
    void aReferencePointIsPlacedAsTheWeightedMeanOfItsNeighbours() {
        // 4 reference points on a line, embedding = 10 x position; a query at the first point with 2 neighbours:
        // distances 0 and 1, σ solves exp(0) + exp(-1/σ) = log2(2) = 1, so σ → 0 and the query sits on point 0.
        double[][] ref = {{0}, {1}, {2}, {3}};
        double[][] emb = {{0}, {10}, {20}, {30}};
        LatentEmbedding e = new LatentEmbedding(ref, emb, 2);
        assertThat(e.transform(new double[][] {{0}})[0][0]).isCloseTo(0, org.assertj.core.data.Offset.offset(1e-6));
        // a query half-way between points 1 and 2: equal distances, equal weights, the midpoint
        assertThat(e.transform(new double[][] {{1.5}})[0][0]).isCloseTo(15, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void sigmaMakesTheWeightsSumToTheTarget() {
        double[] dist = {0.5, 1, 2, 4};
        double sigma = LatentEmbedding.sigma(dist, 2.0);
        double sum = 0;
        for (double d : dist) {
            sum += Math.exp(-d / sigma);
        }
        assertThat(sum).isCloseTo(2.0, org.assertj.core.data.Offset.offset(1e-6));
    }

    @Test
    void savedAndLoadedEmbeddingPlacesPointsIdentically(@TempDir Path dir) throws Exception {
        LatentEmbedding e = FITTED;
        EmbeddingFiles.save(e, dir);
        LatentEmbedding loaded = EmbeddingFiles.load(dir);
        double[][] q = blobs(10, 5, null);
        assertThat(loaded.transform(q)).isDeepEqualTo(e.transform(q));
        Files.writeString(dir.resolve(EmbeddingFiles.SIDECAR), "{\"format\": \"other\"}");
        assertThatThrownBy(() -> EmbeddingFiles.load(dir)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("format");
    }

    private static double dist(double[] a, double[] b) {
        return Math.hypot(a[0] - b[0], a[1] - b[1]);
    }
}
