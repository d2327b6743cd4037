/**
 * The {@code latent_gmm} task: Gaussian mixtures fitted on the fixed latent codes of a trained VAE model
 * ({@code latents.npz}), the number of components chosen by BIC or validation accuracy, with its run folder.
 */
package dev.latentlab.task.latentgmm;
