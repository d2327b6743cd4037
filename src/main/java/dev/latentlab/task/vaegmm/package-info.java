/**
 * The {@code vae_gmm} task: trains a VAE or dense autoencoder ({@code vae}) on the images a config names, fits the
 * latent classifier ({@code latent}: a mixture on the codes or their UMAP embedding, the unknown-input detector),
 * evaluates it on the held-out sets and writes the run folder (progress, metrics.csv, figures, summary.json,
 * report.html) and the model folder.
 */
package dev.latentlab.task.vaegmm;
