/**
 * The {@code sweep} task: a hyper-parameter search with DL4J Arbiter over config key paths of a base config; each
 * candidate runs a whole pipeline, in process, in a child JVM ({@code search.parallel}) or as a single-task Spark
 * job ({@code search.executor: spark}); candidates.csv, the figures, best.yaml and {@code --resume}.
 */
package dev.latentlab.task.sweep;
