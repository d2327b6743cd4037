/**
 * The patch dictionary as a model and its math: patches cut from images (overlapping windows or padded tiles), a
 * codebook of k-means centroids or sparse-coding atoms, coding patches against it, images rebuilt from their coded
 * patches, dictionary learning (MOD with OMP codes), and fitting one codebook of a method and K from option
 * records. Uses {@code clustering} and {@code data}'s image sets; no config records, files, reports or console.
 */
package dev.latentlab.patches;
