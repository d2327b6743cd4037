/**
 * What the two tasks that fit a mixture on latent codes ({@code vae_gmm}, {@code latent_gmm}) share: the EM options
 * of a config's {@code gmm:} section, the latent-space figure, the one-component-per-class record and the
 * classification report of a mixture's prediction. No pipeline here: neither task imports the other.
 */
package dev.latentlab.task.latentmixture;
