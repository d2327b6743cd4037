/**
 * Scores of predictions against labels, free of I/O: classification metrics through DL4J's {@code Evaluation},
 * clustering figures (Hungarian-matched accuracy, NMI, ARI) as scikit-learn computes them, and the detection
 * AUROC of a novelty score.
 */
package dev.latentlab.eval;
