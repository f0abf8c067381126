package io.semhash.pipeline;

import io.semhash.corpus.Document;
import io.semhash.files.AtomicDirectory;
import io.semhash.indexdir.IndexManifest;
import io.semhash.model.HashingModel;
import io.semhash.shards.ShardRouting;
import io.semhash.shards.ShardedLayout;
import io.semhash.shards.ShardedManifest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds a sharded index directory in one process: each document goes to its compositeId shard
 * ({@link ShardRouting}), with its position in {@code docs} as its order key, so the result
 * answers as {@link IndexDirectoryWriter}'s single directory of the same documents does. Written
 * atomically. The Spark job ({@code scale/spark}) builds the same layout on a cluster.
 */
public final class ShardedIndexWriter {
  private ShardedIndexWriter() {}

  public static ShardedManifest write(HashingModel model, List<Document> docs, int shards, Path out) throws IOException {
    if (shards < 1) {
      throw new IllegalArgumentException("shards must be >= 1, got " + shards);
    }
    ShardedManifest[] manifest = new ShardedManifest[1];
    AtomicDirectory.write(out, dir -> {
      int[][] ranges = ShardRouting.ranges(shards);
      List<ShardWriter> writers = new ArrayList<>();
      try {
        for (int i = 0; i < shards; i++) {
          writers.add(ShardWriter.create(model, dir.resolve(ShardedLayout.shardName(i))));
        }
        for (int i = 0; i < docs.size(); i++) {
          Document d = docs.get(i);
          writers.get(ShardRouting.shardOfHash(ShardRouting.hash(d.id()), ranges)).add(i, d);
        }
        List<ShardedManifest.Shard> listed = new ArrayList<>();
        for (int i = 0; i < shards; i++) {
          IndexManifest m = writers.get(i).finish();
          listed.add(new ShardedManifest.Shard(ShardedLayout.shardName(i), m.documents()));
        }
        manifest[0] = writeTopLevel(model, dir, listed);
      } finally {
        writers.forEach(ShardWriter::close);
      }
    });
    return manifest[0];
  }

  /** The top-level model and manifest of a sharded directory whose shards are in place. */
  public static ShardedManifest writeTopLevel(HashingModel model, Path dir, List<ShardedManifest.Shard> shards)
      throws IOException {
    Files.createDirectories(dir.resolve(ShardedLayout.MODEL));
    model.writeInto(dir.resolve(ShardedLayout.MODEL));
    long documents = shards.stream().mapToLong(ShardedManifest.Shard::documents).sum();
    ShardedManifest manifest = new ShardedManifest(ShardedManifest.FORMAT, ShardedManifest.VERSION,
        Instant.now().toString(), documents, model.bits(), ShardRouting.COMPOSITE_ID, shards);
    ShardedLayout.writeManifest(dir, manifest);
    return manifest;
  }
}
