/**
 * The {@code quantize} task: colour quantization of pictures by k-means, mini-batch k-means, a Gaussian mixture,
 * a random palette and GMM sampling, with its figures; {@link dev.latentlab.quantize.ColourQuantizer} is the
 * numeric core, {@link dev.latentlab.quantize.QuantizePipeline} the task.
 */
package dev.latentlab.quantize;
