package io.semhash.spark;

import io.semhash.shards.ShardRouting;
import org.apache.spark.Partitioner;

/**
 * Partition i holds the documents of shard i: SolrCloud's compositeId hash of the id, cut into the
 * ranges Solr gives a collection of {@code shards} shards ({@link ShardRouting}). Keys are {@link
 * ShardKey}s.
 */
final class IdPartitioner extends Partitioner {
  private final int[][] ranges;

  IdPartitioner(int shards) {
    this.ranges = ShardRouting.ranges(shards);
  }

  @Override
  public int numPartitions() {
    return ranges.length;
  }

  @Override
  public int getPartition(Object key) {
    return ShardRouting.shardOfHash(ShardRouting.hash(((ShardKey) key).id()), ranges);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof IdPartitioner p && p.ranges.length == ranges.length;
  }

  @Override
  public int hashCode() {
    return ranges.length;
  }
}
