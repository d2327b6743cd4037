/**
 * Gaussian mixtures fitted by EM with scikit-learn's {@code GaussianMixture} semantics (covariance types,
 * {@code n_init}, initialisations, {@code reg_covar}), their files, and their use as a classifier (each component
 * mapped to a class). No config, console or report code; {@link dev.latentlab.mixture.GmmFiles} alone reads and
 * writes files.
 */
package dev.latentlab.mixture;
