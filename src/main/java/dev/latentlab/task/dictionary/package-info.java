/**
 * The {@code kmeans_patches} task: the pipeline that wires a config, the MNIST digits, an engine (ND4J in this JVM,
 * or Apache Spark in {@code spark}) and the {@code patches} model into a run folder, with its progress, metrics,
 * figures, summary and report, and the dictionary files under {@code models/}.
 */
package dev.latentlab.task.dictionary;
