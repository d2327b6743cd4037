package dev.latentlab.task.vaegmm;

import dev.latentlab.latent.ComponentSelection;
import dev.latentlab.latent.LatentClassifier;
import dev.latentlab.latent.UnknownDetector;
import dev.latentlab.manifold.LatentEmbedding;

/**
 * The classifier a vae_gmm run fits on its latent codes.
 *
 * @param model     the model with the chosen mixture
 * @param embedding the UMAP embedding the mixtures live in (null: they live in the latent space)
 * @param trainX    the training points the mixtures were fitted on (codes or their embedding)
 * @param valX      the validation points in the same space
 * @param selection every candidate mixture, the chosen one and the one with a component per class
 * @param detector  the unknown-input detector
 */
record FittedClassifier(LatentClassifier model, LatentEmbedding embedding, double[][] trainX, double[][] valX,
                        ComponentSelection.Result selection, UnknownDetector detector) {
}
