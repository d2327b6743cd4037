package dev.latentlab.data;

import dev.latentlab.BadInputException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The latent codes of a VAE run as {@code latents.npz} (numpy-readable): {@code train_mu} [n, d] float64,
 * {@code train_labels} [n] int64, {@code val_mu} [m, d], {@code val_labels} [m]. Every vae_gmm run writes one
 * into its run folder and model folder; the latent_gmm task reads it back to fit mixtures on fixed latents.
 *
 * @param trainMu     training latent means, one row per image
 * @param trainLabels their labels
 * @param valMu       validation latent means
 * @param valLabels   their labels
 */
public record LatentsNpz(double[][] trainMu, int[] trainLabels, double[][] valMu, int[] valLabels) {
    public static final String FILE = "latents.npz";

    public LatentsNpz {
        if (trainMu.length != trainLabels.length || valMu.length != valLabels.length) {
            throw new IllegalArgumentException("latents and labels differ in count");
        }
    }

    /** The latent dimension. */
    public int dim() {
        return trainMu.length == 0 ? 0 : trainMu[0].length;
    }

    /** Writes the four arrays (uncompressed) to {@code file}, atomically. */
    public void write(Path file) throws IOException {
        Map<String, NpyArray> arrays = new LinkedHashMap<>();
        arrays.put("train_mu", NpyArray.ofFloat64(flatten(trainMu), trainMu.length, dim()));
        arrays.put("train_labels", NpyArray.ofInt64(Arrays.stream(trainLabels).asLongStream().toArray(), trainLabels.length));
        arrays.put("val_mu", NpyArray.ofFloat64(flatten(valMu), valMu.length, dim()));
        arrays.put("val_labels", NpyArray.ofInt64(Arrays.stream(valLabels).asLongStream().toArray(), valLabels.length));
        NpzWriter.write(file, arrays, NpzWriter.Compression.STORED);
    }

    /** Reads {@code file}; a missing key, wrong shape, count mismatch or non-finite value is a bad input. */
    public static LatentsNpz read(Path file) {
        try (NpzArchive npz = NpzArchive.open(file)) {
            double[][] trainMu = rows(file, "train_mu", npz.read("train_mu"));
            double[][] valMu = rows(file, "val_mu", npz.read("val_mu"));
            int[] trainLabels = labels(file, "train_labels", npz.read("train_labels"), trainMu.length);
            int[] valLabels = labels(file, "val_labels", npz.read("val_labels"), valMu.length);
            if (trainMu[0].length != valMu[0].length) {
                throw new BadInputException(file + ": train_mu has " + trainMu[0].length + " columns, val_mu "
                        + valMu[0].length + " (expected the same latent dimension)");
            }
            return new LatentsNpz(trainMu, trainLabels, valMu, valLabels);
        }
    }

    /** The float matrix {@code key} of {@code file} as rows; a missing key, wrong shape or NaN is a bad input. */
    public static double[][] readMatrix(Path file, String key) {
        try (NpzArchive npz = NpzArchive.open(file)) {
            return rows(file, key, npz.read(key));
        }
    }

    private static double[][] rows(Path file, String key, NpyArray a) {
        if (a.rank() != 2 || a.dim(0) < 1 || a.dim(1) < 1 || !a.dtype().isFloat()) {
            throw new BadInputException(file + ": array '" + key + "' is " + a.describe()
                    + " (expected float [n, latent_dim] with n >= 1)");
        }
        int n = (int) a.dim(0);
        int d = (int) a.dim(1);
        double[][] out = new double[n][d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                double v = a.getDouble(i * d + j);
                if (!Double.isFinite(v)) {
                    throw new BadInputException(file + ": array '" + key + "' has " + v + " at [" + i + ", " + j
                            + "] (expected finite values)");
                }
                out[i][j] = v;
            }
        }
        return out;
    }

    private static int[] labels(Path file, String key, NpyArray a, int count) {
        if (a.rank() != 1 || a.dtype().isFloat() || a.dim(0) != count) {
            throw new BadInputException(file + ": array '" + key + "' is " + a.describe() + " (expected integer ["
                    + count + "], one label per row of the latents)");
        }
        int[] out = new int[count];
        for (int i = 0; i < count; i++) {
            out[i] = Math.toIntExact(a.getLong(i));
        }
        return out;
    }

    private static double[] flatten(double[][] rows) {
        return Arrays.stream(rows).flatMapToDouble(Arrays::stream).toArray();
    }
}
