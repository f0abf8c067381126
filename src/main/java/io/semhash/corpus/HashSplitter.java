package io.semhash.corpus;

import java.nio.charset.StandardCharsets;

/** Assigns a split from a hash of the document id: deterministic, independent of order. */
final class HashSplitter {
  private final double testFraction;

  HashSplitter(double testFraction) {
    this.testFraction = testFraction;
  }

  Split splitOf(String id) {
    // 64-bit FNV-1a: stable across JVMs and releases, unlike String.hashCode's spread.
    long h = 0xcbf29ce484222325L;
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
    double u = (h >>> 11) * 0x1.0p-53;
    return u < testFraction ? Split.TEST : Split.TRAIN;
  }
}
