package io.semhash.corpus;

import java.nio.charset.StandardCharsets;

/**
 * A stable hash of a document id onto [0, 1): the same on every JVM and run and independent of
 * reading order. Decides the split of documents that have none, and any other deterministic
 * sampling by id (a salt keeps such samplings independent of each other).
 */
public final class IdHash {
  private IdHash() {}

  public static double unit(String id, long salt) {
    // 64-bit FNV-1a over the UTF-8 bytes, seeded by the salt
    long h = 0xcbf29ce484222325L ^ (salt * 0x9e3779b97f4a7c15L);
    for (byte b : id.getBytes(StandardCharsets.UTF_8)) {
      h ^= (b & 0xff);
      h *= 0x100000001b3L;
    }
    // FNV's top bits barely change between ids like "doc-1", "doc-2": finish with MurmurHash3's fmix64
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return (h >>> 11) * 0x1.0p-53;
  }

  /** The split of a document without one: test with probability {@code testFraction}. */
  static Split split(String id, double testFraction) {
    return unit(id, 0) < testFraction ? Split.TEST : Split.TRAIN;
  }
}
