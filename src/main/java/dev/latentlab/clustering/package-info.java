/**
 * The clustering core that the patch dictionary, colour quantization and the Gaussian mixture share: points in an
 * off-heap {@link dev.latentlab.clustering.PointBlocks}, the tiled nearest-centroid search (ND4J GEMM or the fused
 * JNI kernel of {@code src/main/c}), Lloyd and mini-batch k-means, k-means++ seeding and distinct-index sampling,
 * and the elbow of an error-against-K curve. Numeric core only: arrays and option records in, arrays and result
 * records out; no config records, files, reports or console.
 */
package dev.latentlab.clustering;
