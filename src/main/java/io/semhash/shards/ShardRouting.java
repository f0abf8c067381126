package io.semhash.shards;

import java.nio.charset.StandardCharsets;
import org.apache.lucene.util.StringHelper;

/**
 * Which shard a document id belongs to, by SolrCloud's {@code compositeId} router for plain ids:
 * the 32-bit MurmurHash3 (x86, seed 0) of the id's UTF-8 bytes, and the signed 32-bit hash range
 * cut into {@code shards} consecutive ranges, the last one ending at {@link Integer#MAX_VALUE}.
 * Using Solr's hash means that shard i of a sharded directory and shard i of a SolrCloud
 * collection created with the same number of shards hold the same documents. Ids containing
 * {@code '!'} (Solr's composite ids) are hashed as plain strings here; the Spark job routes them
 * through solrj itself when feeding Solr.
 */
public final class ShardRouting {
  public static final String COMPOSITE_ID = "compositeId";

  private ShardRouting() {}

  /** The compositeId hash of a plain id. */
  public static int hash(String id) {
    byte[] bytes = id.getBytes(StandardCharsets.UTF_8);
    return StringHelper.murmurhash3_x86_32(bytes, 0, bytes.length, 0);
  }

  /**
   * The hash ranges of {@code shards} shards, {@code [min_i, max_i]} inclusive, exactly as Solr
   * 9's {@code CompositeIdRouter.partitionRange} cuts the full range: steps of (2³² − 1) / shards,
   * each end moved to the nearest boundary of a 16-bit hash block when steps are large enough (so
   * that one routing prefix is not split between shards), the last range ending at the maximum.
   */
  public static int[][] ranges(int shards) {
    if (shards < 1) {
      throw new IllegalArgumentException("shards must be >= 1, got " + shards);
    }
    long min = Integer.MIN_VALUE;
    long max = Integer.MAX_VALUE;
    long step = Math.max(1, (max - min) / shards);
    long mask = 0xffff;
    long increment = 1L << 16;
    boolean round = step >= increment * 16;
    int[][] out = new int[shards][];
    long start = min;
    long targetStart = min;
    for (int i = 0; i < shards; i++) {
      long targetEnd = targetStart + step;
      long end = targetEnd;
      if (round && (end & mask) != mask) {
        long down = (end | mask) - increment;
        long up = (end | mask) + increment;
        end = end - down < up - end && down > start ? down : up;
      }
      if (i == shards - 1) {
        end = max;
      }
      out[i] = new int[] {(int) start, (int) end};
      start = end + 1;
      targetStart = targetEnd + 1;
    }
    return out;
  }

  /** The shard of {@code id} among {@code shards}. */
  public static int shardOf(String id, int shards) {
    return shardOfHash(hash(id), ranges(shards));
  }

  /** The range holding {@code hash}, as an index into {@code ranges}. */
  public static int shardOfHash(int hash, int[][] ranges) {
    int lo = 0;
    int hi = ranges.length - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (hash > ranges[mid][1]) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
