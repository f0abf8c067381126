/**
 * The offline build on Apache Spark: {@link io.semhash.spark.BuildIndexJob} reads a corpus of any
 * size from any Hadoop path, encodes it with a broadcast model directory and writes a sharded index
 * directory ({@code io.semhash.shards}), one shard per partition, committed once per shard.
 *
 * <p>Uses the core's {@code corpus}, {@code model}, {@code pipeline}, {@code shards}, {@code files}
 * and {@code json} packages, with Spark's RDD API ({@code spark-core} only; no Spark SQL) and
 * Hadoop's file systems. Never DL4J, ND4J or their natives: training stays on one machine.
 */
package io.semhash.spark;
