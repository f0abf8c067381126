/**
 * The offline build on Apache Spark: {@link io.semhash.spark.BuildIndexJob} reads a corpus of any
 * size from any Hadoop path, encodes it with a broadcast model directory and writes either a
 * sharded index directory ({@code io.semhash.shards}), one shard per partition, committed once per
 * shard, or a SolrCloud collection, partition i feeding shard i, committed once at the end.
 *
 * <p>Uses the core's {@code corpus}, {@code model}, {@code pipeline}, {@code shards}, {@code
 * solrcloud}, {@code backend}, {@code files} and {@code json} packages, with Spark's RDD API
 * ({@code spark-core} only; no Spark SQL), Hadoop's file systems and SolrJ's JDK HTTP client (no
 * ZooKeeper, no Jetty). Never DL4J, ND4J or their natives: training stays on one machine.
 */
package io.semhash.spark;
