package io.semhash.index;

import io.semhash.codes.BitCode;
import io.semhash.codes.CodeArray;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.SplittableRandom;
import org.roaringbitmap.RoaringBitmap;

/** The reference the indexes must equal: compute every distance, sort by (distance, id). */
final class BruteForce {

  final int bits;
  final List<long[]> codes = new ArrayList<>();
  final BitSet deleted = new BitSet();

  BruteForce(int bits) {
    this.bits = bits;
  }

  void add(long[] code) {
    codes.add(code.clone());
  }

  boolean delete(int id) {
    if (id < 0 || id >= codes.size() || deleted.get(id)) {
      return false;
    }
    deleted.set(id);
    return true;
  }

  SearchResult search(long[] q, int k, int maxDistance, RoaringBitmap filter, int prefix) {
    List<long[]> hits = new ArrayList<>();
    for (int id = 0; id < prefix; id++) {
      if (deleted.get(id) || (filter != null && !filter.contains(id))) {
        continue;
      }
      long[] c = codes.get(id);
      int d = BitCode.distance(c, 0, q, 0, c.length);
      if (d <= maxDistance) {
        hits.add(new long[] {d, id});
      }
    }
    hits.sort((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
    int n = Math.min(k, hits.size());
    int[] ids = new int[n];
    int[] ds = new int[n];
    for (int i = 0; i < n; i++) {
      ds[i] = (int) hits.get(i)[0];
      ids[i] = (int) hits.get(i)[1];
    }
    return new SearchResult(ids, ds, 0, QueryPlanner.Plan.SCAN);
  }

  SearchResult knn(long[] q, int k, RoaringBitmap filter) {
    return search(q, k, bits, filter, codes.size());
  }

  SearchResult radius(long[] q, int r, RoaringBitmap filter, int limit) {
    return search(q, limit, r, filter, codes.size());
  }

  /** Uniform random codes. */
  static CodeArray random(int bits, int n, SplittableRandom r) {
    CodeArray a = CodeArray.create(bits, n);
    for (int i = 0; i < n; i++) {
      a.add(BitCode.random(bits, r));
    }
    return a;
  }

  /**
   * Clustered codes: {@code centres} uniform random centres; each code copies a random centre and
   * flips each bit with probability {@code flip}. A low flip rate gives many exact duplicates (ties).
   */
  static CodeArray clustered(int bits, int n, int centres, double flip, SplittableRandom r) {
    BitCode[] c = new BitCode[centres];
    for (int i = 0; i < centres; i++) {
      c[i] = BitCode.random(bits, r);
    }
    CodeArray a = CodeArray.create(bits, n);
    for (int i = 0; i < n; i++) {
      a.add(near(c[r.nextInt(centres)], flip, r));
    }
    return a;
  }

  static BitCode near(BitCode centre, double flip, SplittableRandom r) {
    long[] w = centre.toWords();
    for (int b = 0; b < centre.bits(); b++) {
      if (r.nextDouble() < flip) {
        w[b >>> 6] ^= 1L << b;
      }
    }
    return BitCode.of(centre.bits(), w);
  }

  static RoaringBitmap randomFilter(int n, double p, SplittableRandom r) {
    RoaringBitmap f = new RoaringBitmap();
    for (int i = 0; i < n; i++) {
      if (r.nextDouble() < p) {
        f.add(i);
      }
    }
    return f;
  }

  static String describe(SearchResult a) {
    return Arrays.toString(a.ids()) + " " + Arrays.toString(a.distances());
  }
}
