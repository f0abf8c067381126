package io.semhash.spark;

import io.semhash.shards.ShardRouting;
import org.apache.solr.common.cloud.CompositeIdRouter;
import org.apache.spark.Partitioner;

/**
 * Partition i holds the documents of shard i: SolrCloud's compositeId hash of the id, and the hash
 * ranges of the shards in order. Keys are {@link ShardKey}s.
 *
 * <p>For a sharded directory the ranges are those Solr gives a new collection ({@link
 * ShardRouting#ranges}) and ids are hashed as plain strings ({@link ShardRouting#hash}); for a
 * SolrCloud collection the ranges are the collection's own (a split shard's halves included) and
 * ids go through solrj's {@link CompositeIdRouter}, so that an id with a routing prefix
 * ({@code tenant!doc}) lands in the partition of the shard Solr puts it in. For ids without
 * {@code '!'} the two hashes agree.
 */
final class IdPartitioner extends Partitioner {
  private final int[][] ranges;
  private final boolean composite;
  private transient CompositeIdRouter router;

  private IdPartitioner(int[][] ranges, boolean composite) {
    this.ranges = ranges;
    this.composite = composite;
  }

  /** The partitioner of a sharded directory of {@code shards} shards. */
  static IdPartitioner ofShards(int shards) {
    return new IdPartitioner(ShardRouting.ranges(shards), false);
  }

  /** The partitioner of a collection whose shards hold {@code ranges}, in hash order. */
  static IdPartitioner ofCollection(int[][] ranges) {
    return new IdPartitioner(ranges, true);
  }

  @Override
  public int numPartitions() {
    return ranges.length;
  }

  @Override
  public int getPartition(Object key) {
    return ShardRouting.shardOfHash(hash(((ShardKey) key).id()), ranges);
  }

  int hash(String id) {
    if (!composite || id.indexOf(CompositeIdRouter.SEPARATOR) < 0) {
      return ShardRouting.hash(id);
    }
    if (router == null) {
      router = new CompositeIdRouter();
    }
    return router.sliceHash(id, null, null, null);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof IdPartitioner p && p.composite == composite && java.util.Arrays.deepEquals(p.ranges, ranges);
  }

  @Override
  public int hashCode() {
    return java.util.Arrays.deepHashCode(ranges);
  }
}
