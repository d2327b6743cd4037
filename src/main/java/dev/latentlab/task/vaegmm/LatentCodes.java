package dev.latentlab.task.vaegmm;

import dev.latentlab.data.ImageTensors;
import dev.latentlab.data.LatentsNpz;
import dev.latentlab.data.TrainValidationSplit;
import dev.latentlab.latent.FeatureReference;
import dev.latentlab.latent.LatentClassifier;
import dev.latentlab.vae.VaeModel;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * What a trained model makes of the split, computed in one pass over its images: the latent means, the validation
 * images' loss terms, the encoder features of the unknown-input detector (null for a dense model) and the first
 * validation images for the reconstruction figure.
 */
record LatentCodes(VaeModel vae, TrainValidationSplit split, double[][] trainZ, double[][] valZ, double[][] valLoss,
                   double[][] trainFeatures, double[][] valFeatures, INDArray firstImages) {

    /** Encodes {@code split} with {@code vae}; {@code shown} validation images are kept for the figure. */
    static LatentCodes of(VaeModel vae, TrainValidationSplit split, int shown, long seed) {
        try (INDArray trainImages = ImageTensors.unit(split.train());
             INDArray valImages = ImageTensors.unit(split.validation())) {
            double[][] trainZ = LatentClassifier.latentMeans(vae, trainImages);
            double[][] valZ = LatentClassifier.latentMeans(vae, valImages);
            double[][] valLoss = vae.imageLoss(valImages);   // every score's threshold can be recomputed from the model
            double[][] trainFeatures = FeatureReference.sample(vae, trainImages, seed);
            double[][] valFeatures = vae.encoderFeatures(valImages);
            int n = Math.min(shown, split.validation().count());
            INDArray first = valImages.get(NDArrayIndex.interval(0, n), NDArrayIndex.all(), NDArrayIndex.all(),
                    NDArrayIndex.all()).dup();
            return new LatentCodes(vae, split, trainZ, valZ, valLoss, trainFeatures, valFeatures, first);
        }
    }

    /** The latent means with their labels, as latents.npz holds them. */
    LatentsNpz latents() {
        return new LatentsNpz(trainZ, split.train().labels(), valZ, split.validation().labels());
    }
}
