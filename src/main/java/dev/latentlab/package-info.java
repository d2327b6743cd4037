/**
 * latentlab: YAML configs drive Deeplearning4j/ND4J pipelines for unsupervised learning on images.
 * {@link dev.latentlab.Trainer} is trainer.jar's entry point; {@link dev.latentlab.BadInputException} is a user
 * mistake, reported in one line with exit code 2. The packages and their rules: src/site/markdown/architecture.md.
 */
package dev.latentlab;
