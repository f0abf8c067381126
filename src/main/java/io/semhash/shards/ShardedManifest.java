package io.semhash.shards;

import java.util.List;

/**
 * The JSON manifest of a sharded index directory ({@value ShardedLayout#MANIFEST}): the shard
 * directories that together hold the index, each an ordinary index directory.
 *
 * @param format always {@value #FORMAT}
 * @param version {@value #VERSION}
 * @param documents documents in all shards at build time
 * @param bits code length, the same in every shard
 * @param router how ids were assigned to shards: {@value ShardRouting#COMPOSITE_ID} (SolrCloud's
 *     hash ranges, shard i holding range i of {@link ShardRouting#ranges})
 * @param shards the shard directories, in shard order, relative to the top-level directory
 */
public record ShardedManifest(String format, int version, String createdAt, long documents, int bits, String router,
    List<Shard> shards) {
  public static final String FORMAT = "semhash-shards";
  public static final int VERSION = 1;

  public ShardedManifest {
    shards = List.copyOf(shards == null ? List.of() : shards);
  }

  /** One shard: its directory name and the documents it held at build time. */
  public record Shard(String name, long documents) {}
}
