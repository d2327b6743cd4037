package dev.latentlab.mixture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.latentlab.BadInputException;
import dev.latentlab.data.NpyArray;
import dev.latentlab.data.NpzReader;
import dev.latentlab.data.NpzWriter;
import dev.latentlab.store.AtomicFiles;
import dev.latentlab.store.Provenance;
import dev.latentlab.store.Sidecar;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Saves and loads a {@link GaussianMixture} (optionally with its {@link ClusterLabelMapping}) as a folder that
 * numpy users can read: {@code gmm.npz} (float64 {@code weights} [K], {@code means} [K,D], {@code covariances}
 * [K,D,D] for every covariance type, {@code precisions_cholesky} [K,D,D] as scikit-learn's
 * {@code precisions_cholesky_} for full covariances, and int64 {@code component_labels} [K] for a classifier)
 * and {@code gmm.json} (covariance type by scikit-learn's name, sizes, fit history, and the {@link Provenance} of a
 * mixture saved as a model of its own). Each file is written
 * atomically; {@code precisions_cholesky} is derived and ignored on loading.
 *
 * <pre>{@code
 * d = np.load("gmm.npz"); meta = json.load(open("gmm.json"))
 * gm = GaussianMixture(len(d["weights"]), covariance_type="full")  # then set weights_, means_, covariances_ …
 * }</pre>
 */
public final class GmmFiles {
    public static final String ARRAYS = "gmm.npz";
    public static final String SIDECAR = "gmm.json";
    static final String FORMAT = "latentlab.gmm/1";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private GmmFiles() {
    }

    /** Writes {@code model} into {@code dir} (created if needed). */
    public static void save(GaussianMixture model, Path dir) throws IOException {
        write(model, null, null, dir);
    }


    /** Writes the classifier's model and its component labels into {@code dir} (created if needed). */
    public static void save(MixtureClassifier classifier, Path dir) throws IOException {
        write(classifier.model(), classifier.mapping(), null, dir);
    }

    /** As {@link #save(MixtureClassifier, Path)}, a model of its own: {@code provenance} goes into gmm.json. */
    public static void save(MixtureClassifier classifier, Path dir, Provenance provenance) throws IOException {
        write(classifier.model(), classifier.mapping(), provenance, dir);
    }

    /** Reads the model of a folder written by {@link #save}; a missing or malformed file is a bad input. */
    public static GaussianMixture load(Path dir) {
        return read(dir).model();
    }

    /** Reads a classifier written by {@link #save(MixtureClassifier, Path)}. */
    public static MixtureClassifier loadClassifier(Path dir) {
        Loaded loaded = read(dir);
        if (loaded.labels() == null) {
            throw new BadInputException(dir.resolve(ARRAYS) + ": no 'component_labels' array (a mixture saved "
                    + "without its classifier mapping)");
        }
        return new MixtureClassifier(loaded.model(), loaded.labels());
    }

    private record Loaded(GaussianMixture model, ClusterLabelMapping labels) {
    }

    private static void write(GaussianMixture model, ClusterLabelMapping mapping, Provenance provenance, Path dir)
            throws IOException {
        Files.createDirectories(dir);
        int k = model.components();
        int d = model.dimension();
        double[][][] cov = model.covariances();
        double[] covFlat = new double[k * d * d];
        double[] precFlat = new double[k * d * d];
        double[] meanFlat = new double[k * d];
        for (int c = 0; c < k; c++) {
            System.arraycopy(model.means()[c], 0, meanFlat, c * d, d);
            double[][] prec = model.precisionCholesky(c);
            for (int i = 0; i < d; i++) {
                System.arraycopy(cov[c][i], 0, covFlat, (c * d + i) * d, d);
                System.arraycopy(prec[i], 0, precFlat, (c * d + i) * d, d);
            }
        }
        Map<String, NpyArray> arrays = new LinkedHashMap<>();
        arrays.put("weights", NpyArray.ofFloat64(model.weights(), k));
        arrays.put("means", NpyArray.ofFloat64(meanFlat, k, d));
        arrays.put("covariances", NpyArray.ofFloat64(covFlat, k, d, d));
        arrays.put("precisions_cholesky", NpyArray.ofFloat64(precFlat, k, d, d));
        if (mapping != null) {
            arrays.put("component_labels", NpyArray.ofInt64(Arrays.stream(mapping.componentLabels())
                    .asLongStream().toArray(), k));
        }
        NpzWriter.write(dir.resolve(ARRAYS), arrays, NpzWriter.Compression.STORED);

        ObjectNode json = JSON.createObjectNode();
        json.put("format", FORMAT);
        json.put("covariance_type", model.covarianceType().sklearnName());
        json.put("n_components", k);
        json.put("n_features", d);
        json.put("converged", model.converged());
        json.put("n_iter", model.iterations());
        putFinite(json, "mean_log_likelihood", model.meanLogLikelihood());
        ArrayNode history = json.putArray("log_likelihood_history");
        for (double v : model.logLikelihoodHistory()) {
            history.add(v);
        }
        if (mapping != null) {
            ArrayNode labels = json.putArray("component_labels");
            for (int label : mapping.componentLabels()) {
                labels.add(label);
            }
        }
        json.put("arrays", ARRAYS + ": weights [K], means [K,D], covariances [K,D,D] (expanded for every type), "
                + "precisions_cholesky [K,D,D]" + (mapping != null ? ", component_labels [K]" : ""));
        if (provenance != null) {
            json.set("provenance", JSON.valueToTree(provenance));
        }
        AtomicFiles.writeString(dir.resolve(SIDECAR), JSON.writeValueAsString(json));
    }

    private static Loaded read(Path dir) {
        Path sidecar = dir.resolve(SIDECAR);
        JsonNode json = Sidecar.read(dir, SIDECAR, FORMAT, "a Gaussian mixture folder");
        CovarianceType type = CovarianceType.fromSklearnName(json.path("covariance_type").asText());
        if (type == null) {
            throw new BadInputException(sidecar + ": covariance_type " + json.path("covariance_type")
                    + ", expected \"full\", \"diag\" or \"spherical\"");
        }
        int k = json.path("n_components").asInt();
        int d = json.path("n_features").asInt();
        Path npz = dir.resolve(ARRAYS);
        Map<String, NpyArray> arrays = NpzReader.readArrays(npz);
        double[] weights = array(arrays, npz, "weights", k);
        double[] means = array(arrays, npz, "means", k, d);
        double[] cov = array(arrays, npz, "covariances", k, d, d);
        double[][] meanRows = new double[k][];
        double[][][] covariances = new double[k][d][];
        for (int c = 0; c < k; c++) {
            meanRows[c] = Arrays.copyOfRange(means, c * d, (c + 1) * d);
            for (int i = 0; i < d; i++) {
                covariances[c][i] = Arrays.copyOfRange(cov, (c * d + i) * d, (c * d + i + 1) * d);
            }
        }
        double[] history = new double[json.path("log_likelihood_history").size()];
        for (int i = 0; i < history.length; i++) {
            history[i] = json.path("log_likelihood_history").get(i).asDouble();
        }
        JsonNode mean = json.path("mean_log_likelihood");
        try {
            GaussianMixture model = new GaussianMixture(type, weights, meanRows, covariances,
                    json.path("converged").asBoolean(), json.path("n_iter").asInt(), history,
                    mean.isNumber() ? mean.asDouble() : Double.NaN);
            ClusterLabelMapping labels = null;
            if (arrays.containsKey("component_labels")) {
                double[] l = array(arrays, npz, "component_labels", k);
                labels = new ClusterLabelMapping(Arrays.stream(l).mapToInt(v -> (int) v).toArray());
            }
            return new Loaded(model, labels);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(dir + ": inconsistent Gaussian mixture (" + e.getMessage() + ")");
        }
    }

    private static double[] array(Map<String, NpyArray> arrays, Path npz, String key, long... shape) {
        NpyArray a = arrays.get(key);
        if (a == null) {
            throw new BadInputException(npz + ": no array '" + key + "' (keys: " + String.join(", ", arrays.keySet()) + ")");
        }
        if (!Arrays.equals(a.shape(), shape)) {
            throw new BadInputException(npz + ": array '" + key + "' has shape " + Arrays.toString(a.shape())
                    + ", expected " + Arrays.toString(shape));
        }
        return a.toDoubleArray();
    }

    private static void putFinite(ObjectNode json, String key, double v) {
        if (Double.isFinite(v)) {
            json.put(key, v);
        } else {
            json.putNull(key);
        }
    }
}
