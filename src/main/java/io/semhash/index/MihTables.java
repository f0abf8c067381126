package io.semhash.index;

import io.semhash.codes.CodeShape;
import org.roaringbitmap.RoaringBitmap;

/**
 * The hash tables of multi-index hashing (Norouzi, Punjani and Fleet, "Fast exact search in
 * Hamming space with multi-index hashing", TPAMI 2014): the code is cut into {@code m} disjoint
 * substrings of {@code floor(bits/m)} or {@code ceil(bits/m)} bits, and table {@code j} maps each
 * value of substring {@code j} to the ids whose substring has that value.
 *
 * <p>Each table is a compressed-sparse-row structure: one flat {@code int[]} of postings holding
 * every id once, grouped by substring value, ascending within a group, and an {@code int[]} of
 * group offsets; no object per posting list. When {@code 2^len} is at most twice the number of
 * codes (the usual case, m ≈ bits / log2 n) the offsets are indexed by the value directly;
 * otherwise the distinct values are kept in an open-addressing hash table. Substrings are at most
 * {@value #MAX_SUBSTRING_BITS} bits. Immutable once built; covers ids {@code [0, count)} that were live at
 * build time.
 *
 * <p>Categorical codes are cut on group boundaries, so a substring holds whole symbols and its
 * distance to the query's is a symbol distance: the pigeonhole argument holds over symbols as it
 * does over bits (two codes {@code d} symbols apart differ in at most {@code floor(d / m)} symbols
 * in some substring).
 */
final class MihTables {

  static final int MAX_SUBSTRING_BITS = 30;
  /** Tables with more than this many possible values per stored code are hashed, not direct. */
  private static final int DIRECT_MAX_RATIO = 2;

  final int m;
  /** Bits per symbol (1 for binary codes). */
  final int w;
  final int[] starts;
  final int[] lens;
  /** Symbols per substring ({@code lens[j] / w}). */
  final int[] symbols;
  /** Per substring: the bits of the extracted value at which a symbol starts. */
  private final int[] symbolStarts;
  final int count;
  /**
   * Per table: for a direct table, {@code offsets[v] .. offsets[v+1]} delimit the postings of
   * value v; for a hashed table, of group g, where {@code slots} maps a value to its group.
   */
  final int[][] offsets;
  final int[][] postings;
  /** Per table: null for a direct table; else open-addressing slots, pairs (value, group + 1). */
  final int[][] slots;

  private MihTables(
      int m, int w, int[] starts, int[] lens, int count, int[][] offsets, int[][] postings, int[][] slots) {
    this.m = m;
    this.w = w;
    this.starts = starts;
    this.lens = lens;
    this.symbols = new int[m];
    this.symbolStarts = new int[m];
    for (int j = 0; j < m; j++) {
      symbols[j] = lens[j] / w;
      for (int g = 0; g < symbols[j]; g++) {
        symbolStarts[j] |= 1 << (g * w);
      }
    }
    this.count = count;
    this.offsets = offsets;
    this.postings = postings;
    this.slots = slots;
  }

  /**
   * The number of substrings for {@code n} codes of {@code shape}: {@code m = ceil(bits / log2 n)}
   * (substrings no longer than log2 n, so a table bucket holds about one code or more), at most
   * one per group, and at least enough that no substring is longer than 30 bits. Rounding up
   * rather than to the nearest keeps the tables' directories small enough to stay in cache: at 1M
   * 64-bit codes 4 substrings of 16 bits answered near queries 3x and far ones 9x faster than 3 of
   * 21 bits, at 128 bits 7 beat 6 by 2x, and at 100k and 10M codes the rule keeps the count that
   * was already the fastest (docs/BENCHMARKS.md, "Substring count").
   */
  static int defaultSubstrings(CodeShape shape, int n) {
    double log2n = Math.log(Math.max(n, 2)) / Math.log(2);
    int m = (int) Math.ceil(shape.bits() / log2n - 1e-9);
    return Math.max(minSubstrings(shape), Math.min(shape.groups(), Math.max(1, m)));
  }

  /** Fewest substrings of whole groups, none longer than 30 bits. */
  private static int minSubstrings(CodeShape shape) {
    int groupsPerSubstring = MAX_SUBSTRING_BITS / shape.bitsPerGroup();
    return (shape.groups() + groupsPerSubstring - 1) / groupsPerSubstring;
  }

  /** Checks that m substrings of whole groups of {@code shape} are each 1 to 30 bits long. */
  static void checkSubstrings(CodeShape shape, int m) {
    int min = minSubstrings(shape);
    if (m < min || m > shape.groups()) {
      throw new IllegalArgumentException(
          "substring count " + m + " for " + (shape.isBinary() ? shape.bits() + "-bit" : shape + " (groups x classes)")
              + " codes is outside the allowed range [" + min + ", " + shape.groups() + "]");
    }
  }

  /** Builds tables over the live ids of {@code s} in {@code [0, count)}. */
  static MihTables build(Snapshot s, int count, int m) {
    CodeShape shape = s.shape();
    checkSubstrings(shape, m);
    int w = shape.bitsPerGroup();
    int[] starts = new int[m];
    int[] lens = new int[m];
    int base = shape.groups() / m;
    int extra = shape.groups() % m;
    for (int j = 0, pos = 0; j < m; j++) {
      starts[j] = pos;
      lens[j] = (base + (j < extra ? 1 : 0)) * w;
      pos += lens[j];
    }
    RoaringBitmap deleted = s.deleted();
    boolean anyDeleted = !deleted.isEmpty();
    int[][] offsets = new int[m][];
    int[][] postings = new int[m][];
    int[][] slots = new int[m][];
    int[] values = new int[count];
    int live = 0;
    for (int id = 0; id < count; id++) {
      if (!anyDeleted || !deleted.contains(id)) {
        live++;
      }
    }
    for (int j = 0; j < m; j++) {
      for (int id = 0; id < count; id++) {
        if (anyDeleted && deleted.contains(id)) {
          values[id] = -1;
          continue;
        }
        values[id] = extract(s, id, starts[j], lens[j]);
      }
      boolean direct = lens[j] <= 24 && (1L << lens[j]) <= (long) DIRECT_MAX_RATIO * Math.max(live, 1024);
      int[] off;
      int[] group; // value -> group, via slots when hashed
      int[] table = null;
      if (direct) {
        off = new int[(1 << lens[j]) + 1];
        for (int id = 0; id < count; id++) {
          if (values[id] >= 0) {
            off[values[id] + 1]++;
          }
        }
      } else {
        int[] distinct = new int[live];
        for (int id = 0, i = 0; id < count; id++) {
          if (values[id] >= 0) {
            distinct[i++] = values[id];
          }
        }
        java.util.Arrays.sort(distinct);
        int g = 0;
        for (int i = 0; i < distinct.length; i++) {
          if (i == 0 || distinct[i] != distinct[i - 1]) {
            distinct[g++] = distinct[i];
          }
        }
        int cap = Integer.highestOneBit(Math.max(2, g) * 2 - 1) * 2;
        table = new int[2 * cap];
        for (int i = 0; i < g; i++) {
          int h = hash(distinct[i], cap);
          while (table[2 * h + 1] != 0) {
            h = (h + 1) & (cap - 1);
          }
          table[2 * h] = distinct[i];
          table[2 * h + 1] = i + 1;
        }
        off = new int[g + 1];
        for (int id = 0; id < count; id++) {
          if (values[id] >= 0) {
            int gi = lookup(table, values[id]);
            values[id] = gi;
            off[gi + 1]++;
          }
        }
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
      slots[j] = table;
    }
    return new MihTables(m, w, starts, lens, count, offsets, postings, slots);
  }

  private static int hash(int v, int cap) {
    return (v * 0x9E3779B9) >>> (32 - Integer.numberOfTrailingZeros(cap)) & (cap - 1);
  }

  /** Group of value v in a hashed table, or -1. */
  private static int lookup(int[] table, int v) {
    int cap = table.length >>> 1;
    int h = hash(v, cap);
    while (true) {
      int g = table[2 * h + 1];
      if (g == 0) {
        return -1;
      }
      if (table[2 * h] == v) {
        return g - 1;
      }
      h = (h + 1) & (cap - 1);
    }
  }

  /**
   * Start of the postings of value {@code v} in table {@code j}; the end is at index {@code
   * bucket + 1} of the offsets. Returns the bucket index, or -1 when no stored code has that value.
   */
  int bucket(int j, int v) {
    int[] table = slots[j];
    return table == null ? v : lookup(table, v);
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

  /**
   * Distance between two values of substring {@code j} given their xor: bits for binary codes,
   * else the symbols that differ (each symbol's bits folded into its lowest, then counted).
   */
  int substringDistance(int j, int xor) {
    if (w == 1) {
      return Integer.bitCount(xor);
    }
    int y = xor;
    for (int t = 1; t < w; t++) {
      y |= xor >>> t;
    }
    return Integer.bitCount(y & symbolStarts[j]);
  }

  /** Substring {@code j} of stored code {@code id}. */
  int extract(Snapshot s, int id, int j) {
    return extract(s, id, starts[j], lens[j]);
  }

  private static int extract(Snapshot s, int id, int start, int len) {
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
      b += 4L * offsets[j].length + 4L * postings[j].length + (slots[j] == null ? 0 : 4L * slots[j].length);
    }
    return b;
  }
}
