/**
 * Colour quantization's numeric core: k-means, mini-batch k-means, a Gaussian mixture, a random palette and GMM
 * sampling over a picture's pixels ({@link dev.latentlab.quantize.ColourQuantizer}, options and results as records).
 * The {@code quantize} task that reads pictures and writes a run folder is {@code task.quantize}.
 */
package dev.latentlab.quantize;
