/**
 * Manifold learning between a model's latent codes and the mixture fitted on them: UMAP (through the MIT-licensed
 * umap-java) and the out-of-sample map that places new codes in a fitted embedding. Numeric cores only: arrays and
 * option records in, arrays out.
 */
package dev.latentlab.manifold;
