/**
 * The {@code quantize} task: reads the pictures a config names, runs {@code quantize.ColourQuantizer} for every
 * method and palette size, and writes the run folder (quantized pictures, figures, summary, report).
 */
package dev.latentlab.task.quantize;
