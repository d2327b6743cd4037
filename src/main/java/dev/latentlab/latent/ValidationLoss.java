package dev.latentlab.latent;

import dev.latentlab.data.LatentsNpz;
import dev.latentlab.data.NpyArray;
import dev.latentlab.data.NpzWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * {@code validation_loss.npz} in a vae_gmm model folder: the validation images' loss terms at z = μ
 * ({@link dev.latentlab.vae.VaeModel#imageLoss}) as float64 {@code val_loss} [m, 2] (columns: reconstruction, KLD), in the order of
 * {@code latents.npz}'s {@code val_mu}. With those latents they give the validation scores of every
 * {@link NoveltyScore}, so that the threshold of any of them can be recomputed ({@code bench novelty}) without the
 * training images.
 */
public final class ValidationLoss {
    public static final String FILE = "validation_loss.npz";
    private static final String KEY = "val_loss";

    private ValidationLoss() {
    }

    /** Writes {@code loss} ([m][2]: reconstruction, KLD) to {@code file}. */
    public static void write(Path file, double[][] loss) throws IOException {
        double[] flat = Arrays.stream(loss).flatMapToDouble(Arrays::stream).toArray();
        NpzWriter.write(file, Map.of(KEY, NpyArray.ofFloat64(flat, loss.length, 2)), NpzWriter.Compression.STORED);
    }

    /** The loss terms of a model folder ([m][2]), or null when it has no {@link #FILE} (saved before it). */
    public static double[][] read(Path modelDir) {
        Path file = modelDir.resolve(FILE);
        return Files.isRegularFile(file) ? LatentsNpz.readMatrix(file, KEY) : null;
    }
}
