package dev.latentlab.cli;

import dev.latentlab.latent.LatentClassifier;
import dev.latentlab.latent.LatentClassifierFiles;
import dev.latentlab.mixture.GaussianMixture;
import dev.latentlab.mixture.GmmOptions;
import dev.latentlab.mixture.MixtureClassifier;
import dev.latentlab.patches.PatchDictionary;
import dev.latentlab.store.ModelFolder;
import dev.latentlab.task.dictionary.PatchDictionaryFiles;
import dev.latentlab.vae.VaeArchitecture;
import dev.latentlab.vae.VaeModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Small saved models for CLI tests that need one but not a trained one: seconds instead of a training. */
final class TinyModels {
    private TinyModels() {
    }

    /** An untrained tiny VAE with a 2-component GMM on random latents (labels 0 and 1), as a model folder. */
    static Path vaeGmm(Path dir) throws IOException {
        VaeArchitecture architecture = new VaeArchitecture(28, 28, 1, List.of(4, 8), List.of(2, 2), 16, 2, 0.0, 1.0);
        Random random = new Random(7);
        double[][] z = new double[40][2];
        int[] labels = new int[40];
        for (int i = 0; i < z.length; i++) {
            labels[i] = i % 2;
            z[i][0] = random.nextGaussian() + 4 * labels[i];
            z[i][1] = random.nextGaussian();
        }
        GaussianMixture gmm = GaussianMixture.fit(z, GmmOptions.defaults(2));
        LatentClassifier model = new LatentClassifier(VaeModel.untrained(architecture, 7),
                MixtureClassifier.train(gmm, z, labels));
        try (ModelFolder folder = ModelFolder.begin(dir)) {
            LatentClassifierFiles.save(model, folder.dir(), Map.of("run_name", "tiny"), folder.id());
            folder.commit();
        }
        return dir;
    }

    /** A k-means dictionary of two 5x5 centroids (blank and full). */
    static Path dictionary(Path dir) throws IOException {
        float[] centroids = new float[50];
        for (int i = 25; i < 50; i++) {
            centroids[i] = 255f;
        }
        PatchDictionaryFiles.save(new PatchDictionary(5, 1, 2, centroids, new long[] {10, 10}), dir, Map.of());
        return dir;
    }
}
