package io.semhash.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.semhash.shards.ShardRouting;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.solr.common.cloud.CompositeIdRouter;
import org.apache.solr.common.cloud.DocRouter;
import org.junit.jupiter.api.Test;

/**
 * The core's compositeId routing against solrj's own {@link CompositeIdRouter}: the same hash for
 * any plain id and the same ranges for any shard count, so partition i of the job is shard i of a
 * SolrCloud collection created with the same number of shards.
 */
class ShardRoutingTest {
  @Test
  void rangesAreSolrsForOneToTwoHundredShards() {
    CompositeIdRouter solr = new CompositeIdRouter();
    for (int n = 1; n <= 200; n++) {
      List<DocRouter.Range> expected = solr.partitionRange(n, solr.fullRange());
      int[][] ours = ShardRouting.ranges(n);
      assertThat(ours.length).isEqualTo(expected.size());
      for (int i = 0; i < n; i++) {
        assertThat(ours[i]).as("n=%d shard %d", n, i).containsExactly(expected.get(i).min, expected.get(i).max);
      }
    }
  }

  @Test
  void hashAndShardAreSolrsForRandomIds() {
    CompositeIdRouter solr = new CompositeIdRouter();
    SplittableRandom r = new SplittableRandom(3);
    for (int t = 0; t < 20_000; t++) {
      StringBuilder id = new StringBuilder();
      int len = 1 + r.nextInt(30);
      for (int i = 0; i < len; i++) {
        // ASCII, Latin-1, CJK and astral characters, no '!' (Solr's composite-id separator)
        int kind = r.nextInt(4);
        int cp = switch (kind) {
          case 0 -> 'a' + r.nextInt(26);
          case 1 -> 0xC0 + r.nextInt(0x40);
          case 2 -> 0x4E00 + r.nextInt(0x100);
          default -> 0x1F600 + r.nextInt(0x40);
        };
        id.appendCodePoint(cp);
      }
      String s = id.toString();
      int hash = solr.sliceHash(s, null, null, null);
      assertThat(ShardRouting.hash(s)).as(s).isEqualTo(hash);
      int shards = 1 + r.nextInt(16);
      List<DocRouter.Range> ranges = solr.partitionRange(shards, solr.fullRange());
      int expected = -1;
      for (int i = 0; i < ranges.size(); i++) {
        if (ranges.get(i).includes(hash)) {
          expected = i;
        }
      }
      assertThat(ShardRouting.shardOf(s, shards)).as(s).isEqualTo(expected);
    }
  }
}
