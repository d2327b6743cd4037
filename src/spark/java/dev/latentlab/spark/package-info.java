/**
 * Apache Spark, compiled only with {@code -Pspark} and found through {@code ServiceLoader}, never imported: the
 * {@code kmeans.engine: spark} dictionary engine ({@link dev.latentlab.spark.SparkDictionaryEngine}: executors cut
 * the patches into cached float blocks; the native solver runs {@code clustering.Lloyd} on the driver over
 * {@code clustering.FloatBlockAssigner} on the executors, combined with {@code treeAggregate}; {@code spark.solver:
 * mllib} runs Spark ML's block KMeans), the sweep's cluster executor ({@link dev.latentlab.spark.SparkCandidateRunner}:
 * each candidate a single-task job running a child JVM on its executor) and {@code bench spark-kmeans}.
 */
package dev.latentlab.spark;
