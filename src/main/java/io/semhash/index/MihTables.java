package io.semhash.index;

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
 */
final class MihTables {

  static final int MAX_SUBSTRING_BITS = 30;
  /** Tables with more than this many possible values per stored code are hashed, not direct. */
  private static final int DIRECT_MAX_RATIO = 2;

  final int m;
  final int[] starts;
  final int[] lens;
  final int count;
  /**
   * Per table: for a direct table, {@code offsets[v] .. offsets[v+1]} delimit the postings of
   * value v; for a hashed table, of group g, where {@code slots} maps a value to its group.
   */
  final int[][] offsets;
  final int[][] postings;
  /** Per table: null for a direct table; else open-addressing slots, pairs (value, group + 1). */
  final int[][] slots;

  private MihTables(int m, int[] starts, int[] lens, int count, int[][] offsets, int[][] postings, int[][] slots) {
    this.m = m;
    this.starts = starts;
    this.lens = lens;
    this.count = count;
    this.offsets = offsets;
    this.postings = postings;
    this.slots = slots;
  }

  /**
   * The number of substrings for {@code n} codes of {@code bits} bits: {@code m ≈ bits / log2 n}
   * (substrings about as long as log2 n, so a table bucket holds about one code), and at least
   * {@code ceil(bits / 30)}.
   */
  static int defaultSubstrings(int bits, int n) {
    double log2n = Math.log(Math.max(n, 2)) / Math.log(2);
    int m = (int) Math.round(bits / log2n);
    int min = (bits + MAX_SUBSTRING_BITS - 1) / MAX_SUBSTRING_BITS;
    return Math.max(min, Math.min(bits, Math.max(1, m)));
  }

  /** Checks that m substrings of a {@code bits}-bit code are each 1 to 30 bits long. */
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
    return new MihTables(m, starts, lens, count, offsets, postings, slots);
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
