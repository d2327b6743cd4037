/**
 * Random streams: the one way a run's {@code seed:} becomes the generators of its consumers (restarts, epochs,
 * splits, samples, figures), each by a stable, named derivation. A leaf: it uses no other project package.
 */
package dev.latentlab.rng;
