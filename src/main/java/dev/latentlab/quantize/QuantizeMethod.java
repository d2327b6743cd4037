package dev.latentlab.quantize;

/** The colour quantization methods, with their config names. */
public enum QuantizeMethod {
    /** Lloyd's k-means with k-means++ seeding; each pixel becomes its nearest centroid. */
    KMEANS("kmeans"),
    /** Mini-batch k-means; each pixel becomes its nearest centroid. */
    MINIBATCH("minibatch"),
    /** Gaussian mixture (EM, full covariance by default); each pixel becomes its most likely component's mean. */
    GMM("gmm"),
    /** K uniform random colours; each pixel becomes its nearest one (the baseline). */
    RANDOM("random"),
    /** Each pixel's colour drawn from the mixture fitted on the pixels (component by weight, then a Gaussian). */
    GMM_SAMPLE("gmm_sample");

    private final String configName;

    QuantizeMethod(String configName) {
        this.configName = configName;
    }

    /** The name used in configs and on the command line. */
    public String configName() {
        return configName;
    }

    /** The method called {@code name}, or null. */
    public static QuantizeMethod fromConfigName(String name) {
        for (QuantizeMethod m : values()) {
            if (m.configName.equals(name)) {
                return m;
            }
        }
        return null;
    }

    /** All config names, comma-separated. */
    public static String names() {
        StringBuilder s = new StringBuilder();
        for (QuantizeMethod m : values()) {
            s.append(s.length() == 0 ? "" : ", ").append(m.configName);
        }
        return s.toString();
    }
}
