package dev.latentlab.quantize;

import java.util.Arrays;
import java.util.Locale;

/** The colour quantization methods, with their config names. */
public enum QuantizeMethod {
    /** Lloyd's k-means with k-means++ seeding; each pixel becomes its nearest centroid. */
    KMEANS,
    /** Mini-batch k-means; each pixel becomes its nearest centroid. */
    MINIBATCH,
    /** Gaussian mixture (EM, full covariance by default); each pixel becomes its most likely component's mean. */
    GMM,
    /** K uniform random colours; each pixel becomes its nearest one (the baseline). */
    RANDOM,
    /** Each pixel's colour drawn from the mixture fitted on the pixels (component by weight, then a Gaussian). */
    GMM_SAMPLE;

    /** The name used in configs and on the command line. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The method called {@code name}, or null. */
    public static QuantizeMethod fromConfigName(String name) {
        return Arrays.stream(values()).filter(m -> m.configName().equals(name)).findFirst().orElse(null);
    }

    /** All config names, comma-separated. */
    public static String names() {
        return String.join(", ", Arrays.stream(values()).map(QuantizeMethod::configName).toList());
    }
}
