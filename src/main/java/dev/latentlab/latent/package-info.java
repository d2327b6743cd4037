/**
 * Classification in a trained model's latent space: {@link dev.latentlab.latent.LatentClassifier} (encoder → μ →
 * optional UMAP embedding → mixture component → label) and its model folder, the choice of the number of components,
 * the 2-D projection of codes for plots, and the unknown-input detector (novelty scores, nearest training codes,
 * a threshold set on the validation images). Above {@code vae}, {@code mixture} and {@code manifold}; no config or
 * report code.
 */
package dev.latentlab.latent;
