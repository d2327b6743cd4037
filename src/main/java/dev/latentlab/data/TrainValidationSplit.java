package dev.latentlab.data;

import dev.latentlab.rng.RandomStreams;
import java.util.Arrays;
import java.util.Random;

/**
 * A seeded shuffle-and-cut of an image set into training and validation parts, like scikit-learn's
 * {@code train_test_split(shuffle=True)}; each part keeps the shuffled order.
 *
 * @param train      the training images
 * @param validation the validation images
 */
public record TrainValidationSplit(ImageSet train, ImageSet validation) {

    /** Splits off {@code round(fraction * count)} images (at least one of each part when count >= 2). */
    public static TrainValidationSplit of(ImageSet images, double validationFraction, long seed) {
        if (!(validationFraction > 0 && validationFraction < 1)) {
            throw new IllegalArgumentException("validation fraction must be in (0, 1), got " + validationFraction);
        }
        int n = images.count();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Random rng = RandomStreams.random(seed, "split");
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int validation = (int) Math.round(validationFraction * n);
        if (n >= 2) {
            validation = Math.max(1, Math.min(n - 1, validation));
        }
        return new TrainValidationSplit(images.select(Arrays.copyOfRange(order, validation, n)),
                images.select(Arrays.copyOfRange(order, 0, validation)));
    }
}
