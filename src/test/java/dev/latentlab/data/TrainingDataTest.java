package dev.latentlab.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;

/** Label filtering, the seeded split, augmentation and the DataSetIterator over real MNIST fixture digits. */
class TrainingDataTest {
    private final ImageSet train = MnistFiles.train(MnistFixtures.dir());

    @Test
    void withLabelsKeepsOnlyThoseDigitsInOrder() {
        ImageSet digits = train.withLabels(List.of(1, 4, 8));
        long expected = Arrays.stream(train.labels()).filter(l -> l == 1 || l == 4 || l == 8).count();
        assertThat(digits.count()).isEqualTo((int) expected).isGreaterThan(50);
        assertThat(digits.distinctLabels()).containsExactly(1, 4, 8);
        // first kept digit is the first 1/4/8 of the training set: index 2 is a 4
        assertThat(digits.labels()[0]).isEqualTo(4);
        assertThat(Arrays.copyOfRange(digits.pixels(), 0, 784)).isEqualTo(Arrays.copyOfRange(train.pixels(), 2 * 784, 3 * 784));
    }

    @Test
    void splitIsSeededDisjointAndComplete() {
        TrainValidationSplit a = TrainValidationSplit.of(train, 0.2, 7);
        TrainValidationSplit b = TrainValidationSplit.of(train, 0.2, 7);
        TrainValidationSplit c = TrainValidationSplit.of(train, 0.2, 8);
        assertThat(a.validation().count()).isEqualTo(60);
        assertThat(a.train().count()).isEqualTo(240);
        assertThat(a.train().pixels()).isEqualTo(b.train().pixels());
        assertThat(a.train().pixels()).isNotEqualTo(c.train().pixels());
        Set<String> all = new HashSet<>();
        for (ImageSet part : List.of(a.train(), a.validation())) {
            for (int i = 0; i < part.count(); i++) {
                all.add(Arrays.toString(Arrays.copyOfRange(part.pixels(), i * 784, (i + 1) * 784)));
            }
        }
        assertThat(all).hasSize(300);
        assertThatThrownBy(() -> TrainValidationSplit.of(train, 1.0, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void flipTwiceIsIdentityAndRotationByZeroChangesNothing() {
        float[] img = unit(train, 0);
        float[] flipped = img.clone();
        Augmentation flip = new Augmentation(0, 1, 0);
        flip.apply(flipped, 0, 28, 28, new Random(1));
        assertThat(flipped).isNotEqualTo(img);
        assertThat(flipped[5 * 28 + 3]).isEqualTo(img[5 * 28 + 24]);
        flip.apply(flipped, 0, 28, 28, new Random(1));
        assertThat(flipped).isEqualTo(img);
        assertThat(new Augmentation(0, 0, 0).active()).isFalse();
    }

    @Test
    void rotationKeepsInkRoughlyAndStaysInRange() {
        float[] img = unit(train, 0);
        float[] rotated = img.clone();
        new Augmentation(15, 0, 0).apply(rotated, 0, 28, 28, new Random(3));
        assertThat(rotated).isNotEqualTo(img);
        double before = sum(img), after = sum(rotated);
        assertThat(after).isBetween(before * 0.9, before * 1.1);
        for (float v : rotated) {
            assertThat(v).isBetween(0f, 1f);
        }
    }

    @Test
    void shiftMovesEveryPixelByWholePixelsWithinTheBound() {
        float[] img = new float[28 * 28];
        img[14 * 28 + 14] = 1f;   // one lit pixel in the middle: the shift is where it went
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int seed = 0; seed < 200; seed++) {
            float[] moved = img.clone();
            new Augmentation(0, 0, 0, 2).apply(moved, 0, 28, 28, new Random(seed));
            int at = -1;
            for (int p = 0; p < moved.length; p++) {
                if (moved[p] != 0f) {
                    assertThat(at).isEqualTo(-1);
                    assertThat(moved[p]).isEqualTo(1f);
                    at = p;
                }
            }
            int dy = at / 28 - 14, dx = at % 28 - 14;
            assertThat(Math.abs(dy)).isLessThanOrEqualTo(2);
            assertThat(Math.abs(dx)).isLessThanOrEqualTo(2);
            seen.add(dy + "," + dx);
        }
        assertThat(seen).hasSize(25);   // every offset of the 5 x 5 square is drawn
        double least = 28 * 28;
        for (int seed = 0; seed < 10; seed++) {   // what comes in at the border is 0
            float[] full = new float[28 * 28];
            java.util.Arrays.fill(full, 1f);
            new Augmentation(0, 0, 0, 3).apply(full, 0, 28, 28, new Random(seed));
            assertThat(sum(full)).isLessThanOrEqualTo(28 * 28);
            least = Math.min(least, sum(full));
        }
        assertThat(least).isLessThan(28 * 28);
        assertThat(new Augmentation(0, 0, 0, 1).active()).isTrue();
        assertThatThrownBy(() -> new Augmentation(0, 0, 0, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void concatKeepsBothSetsInOrderAndRefusesOtherShapes() {
        ImageSet a = train.head(3);
        ImageSet b = train.select(new int[]{10, 11});
        ImageSet both = a.concat(b);
        assertThat(both.count()).isEqualTo(5);
        assertThat(both.labels()).containsExactly(a.labels()[0], a.labels()[1], a.labels()[2], b.labels()[0],
                b.labels()[1]);
        assertThat(both.pixel(3, 14, 14)).isEqualTo(b.pixel(0, 14, 14));
        assertThat(both.pixel(2, 10, 9)).isEqualTo(a.pixel(2, 10, 9));
        ImageSet unlabelled = new ImageSet(1, 28, 28, new byte[28 * 28], null);
        assertThatThrownBy(() -> a.concat(unlabelled)).isInstanceOf(IllegalArgumentException.class);
        ImageSet small = new ImageSet(1, 8, 8, new byte[64], new int[]{1});
        assertThatThrownBy(() -> a.concat(small)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void noiseIsClippedToUnitRange() {
        float[] img = unit(train, 1);
        new Augmentation(0, 0, 0.5).apply(img, 0, 28, 28, new Random(2));
        for (float v : img) {
            assertThat(v).isBetween(0f, 1f);
        }
    }

    @Test
    void iteratorCoversEveryImageOncePerEpochAndReshufflesReproducibly() {
        ImageSet digits = train.withLabels(List.of(1, 4, 8));
        ImageSetIterator it = new ImageSetIterator(digits, 32, true, Augmentation.NONE, 5);
        double total = 0;
        int rows = 0;
        DataSet first = null;
        while (it.hasNext()) {
            DataSet ds = it.next();
            if (first == null) {
                first = ds;
            }
            assertThat(ds.getFeatures().shape()).containsExactly(ds.numExamples(), 1, 28, 28);
            assertThat(ds.getLabels().sum(1).minNumber().doubleValue()).isEqualTo(1.0);
            total += ds.getFeatures().sumNumber().doubleValue();
            rows += ds.numExamples();
        }
        assertThat(rows).isEqualTo(digits.count());
        double expected = 0;
        for (byte p : digits.pixels()) {
            expected += (p & 0xff) / 255.0;
        }
        assertThat(total).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-2));
        it.reset();
        DataSet secondEpoch = it.next();
        assertThat(secondEpoch.getFeatures()).isNotEqualTo(first.getFeatures());
        ImageSetIterator again = new ImageSetIterator(digits, 32, true, Augmentation.NONE, 5);
        again.startEpoch(1);
        assertThat(again.next().getFeatures()).isEqualTo(secondEpoch.getFeatures());
        assertThat(it.getLabels()).containsExactly("1", "4", "8");
    }

    private static float[] unit(ImageSet set, int i) {
        float[] out = new float[784];
        for (int p = 0; p < 784; p++) {
            out[p] = (set.pixels()[i * 784 + p] & 0xff) / 255f;
        }
        return out;
    }

    private static double sum(float[] v) {
        double s = 0;
        for (float x : v) {
            s += x;
        }
        return s;
    }
}
