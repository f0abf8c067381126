package io.semhash.index;

import org.roaringbitmap.RoaringBitmap;

/**
 * The hash tables of multi-index hashing (Norouzi, Punjani and Fleet, "Fast exact search in
 * Hamming space with multi-index hashing", TPAMI 2014): the code is cut into {@code m} disjoint
 * substrings of {@code floor(bits/m)} or {@code ceil(bits/m)} bits, and table {@code j} maps each
 * value of substring {@code j} to the ids whose substring has that value.
 *
 * <p>Substrings are at most {@value #MAX_SUBSTRING_BITS} bits, so each table is a directly
 * addressed compressed-sparse-row structure: {@code offsets[v] .. offsets[v+1]} delimit the
 * postings of value {@code v} in one flat {@code int[]} holding every id once, in ascending order
 * within a value. That is 4 bytes per code per table plus {@code 4 * 2^len} bytes of offsets, with
 * no object per posting list. Immutable once built; covers ids {@code [0, count)} that were live at
 * build time.
 */
final class MihTables {

  static final int MAX_SUBSTRING_BITS = 24;

  final int m;
  final int[] starts;
  final int[] lens;
  final int count;
  final int[][] offsets;
  final int[][] postings;

  private MihTables(int m, int[] starts, int[] lens, int count, int[][] offsets, int[][] postings) {
    this.m = m;
    this.starts = starts;
    this.lens = lens;
    this.count = count;
    this.offsets = offsets;
    this.postings = postings;
  }

  /**
   * The number of substrings for {@code n} codes of {@code bits} bits: {@code m ≈ bits / log2 n}
   * (substrings about as long as log2 n, so a table bucket holds about one code), at least
   * {@code ceil(bits / 24)} to bound the offset arrays.
   */
  static int defaultSubstrings(int bits, int n) {
    double log2n = Math.log(Math.max(n, 2)) / Math.log(2);
    int m = (int) Math.round(bits / log2n);
    int min = (bits + MAX_SUBSTRING_BITS - 1) / MAX_SUBSTRING_BITS;
    return Math.max(min, Math.min(bits, Math.max(1, m)));
  }

  /** Checks that m substrings of a {@code bits}-bit code are each 1 to 24 bits long. */
  static void checkSubstrings(int bits, int m) {
    int min = (bits + MAX_SUBSTRING_BITS - 1) / MAX_SUBSTRING_BITS;
    if (m < min || m > bits) {
      throw new IllegalArgumentException(
          "substring count " + m + " for " + bits + "-bit codes is outside the allowed range ["
              + min + ", " + bits + "]");
    }
  }

  /** Builds tables over the live ids of {@code s} in {@code [0, count)}. */
  static MihTables build(Snapshot s, int count, int m) {
    int bits = s.bits();
    checkSubstrings(bits, m);
    int[] starts = new int[m];
    int[] lens = new int[m];
    int base = bits / m;
    int extra = bits % m;
    for (int j = 0, pos = 0; j < m; j++) {
      starts[j] = pos;
      lens[j] = base + (j < extra ? 1 : 0);
      pos += lens[j];
    }
    RoaringBitmap deleted = s.deleted();
    boolean anyDeleted = !deleted.isEmpty();
    int[][] offsets = new int[m][];
    int[][] postings = new int[m][];
    int[] values = new int[count];
    long[] code = new long[s.wpc()];
    int live = 0;
    for (int id = 0; id < count; id++) {
      if (!anyDeleted || !deleted.contains(id)) {
        live++;
      }
    }
    for (int j = 0; j < m; j++) {
      int[] off = new int[(1 << lens[j]) + 1];
      for (int id = 0; id < count; id++) {
        if (anyDeleted && deleted.contains(id)) {
          values[id] = -1;
          continue;
        }
        for (int w = 0; w < code.length; w++) {
          code[w] = s.word(id, w);
        }
        int v = extract(code, starts[j], lens[j]);
        values[id] = v;
        off[v + 1]++;
      }
      for (int v = 1; v < off.length; v++) {
        off[v] += off[v - 1];
      }
      int[] post = new int[live];
      int[] fill = off.clone();
      for (int id = 0; id < count; id++) {
        int v = values[id];
        if (v >= 0) {
          post[fill[v]++] = id;
        }
      }
      offsets[j] = off;
      postings[j] = post;
    }
    return new MihTables(m, starts, lens, count, offsets, postings);
  }

  /** Bits {@code [start, start + len)} of a packed code, len <= 31. */
  static int extract(long[] code, int start, int len) {
    int w = start >>> 6;
    int off = start & 63;
    long v = code[w] >>> off;
    if (off + len > 64) {
      v |= code[w + 1] << (64 - off);
    }
    return (int) (v & ((1L << len) - 1));
  }

  /** Substring {@code j} of stored code {@code id}. */
  int extract(Snapshot s, int id, int j) {
    int start = starts[j];
    int len = lens[j];
    int w = start >>> 6;
    int off = start & 63;
    long v = s.word(id, w) >>> off;
    if (off + len > 64) {
      v |= s.word(id, w + 1) << (64 - off);
    }
    return (int) (v & ((1L << len) - 1));
  }

  /** Heap bytes held by the tables. */
  long memoryBytes() {
    long b = 0;
    for (int j = 0; j < m; j++) {
      b += 4L * offsets[j].length + 4L * postings[j].length;
    }
    return b;
  }
}
