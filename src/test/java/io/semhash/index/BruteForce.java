package io.semhash.index;

import io.semhash.codes.BitCode;
import io.semhash.codes.CodeArray;
import io.semhash.codes.CodeShape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.SplittableRandom;
import org.roaringbitmap.RoaringBitmap;

/**
 * The reference the indexes must equal: compute every distance, sort by (distance, id). Binary
 * codes by {@link BitCode#distance}; categorical ones by {@link CodeShape#symbolDistance}, class by
 * class (not the packed kernel the indexes use).
 */
final class BruteForce {

  final CodeShape shape;
  final int bits;
  final List<long[]> codes = new ArrayList<>();
  final BitSet deleted = new BitSet();
  /** The distances to the last query (the slow reference is computed once per query). */
  private long[] cachedQuery;
  private int[] cachedDistances;

  BruteForce(int bits) {
    this(CodeShape.binary(bits));
  }

  BruteForce(CodeShape shape) {
    this.shape = shape;
    this.bits = shape.bits();
  }

  void add(long[] code) {
    codes.add(code.clone());
    cachedQuery = null;
  }

  private int distance(int id, long[] q) {
    if (cachedQuery == null || !Arrays.equals(cachedQuery, q)) {
      cachedQuery = q.clone();
      cachedDistances = new int[codes.size()];
      BitCode query = BitCode.of(bits, q);
      for (int i = 0; i < codes.size(); i++) {
        long[] c = codes.get(i);
        cachedDistances[i] = shape.isBinary()
            ? BitCode.distance(c, 0, q, 0, c.length)
            : shape.symbolDistance(BitCode.of(bits, c), query);
      }
    }
    return cachedDistances[id];
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
      int d = distance(id, q);
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
    return search(q, k, shape.groups(), filter, codes.size());
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

  /**
   * Clustered categorical codes: uniform random centres; each code copies a random centre and
   * redraws each group's class with probability {@code redraw} (possibly the same class).
   */
  static CodeArray clustered(CodeShape shape, int n, int centres, double redraw, SplittableRandom r) {
    int[][] c = new int[centres][shape.groups()];
    for (int[] centre : c) {
      for (int g = 0; g < centre.length; g++) {
        centre[g] = r.nextInt(shape.classes());
      }
    }
    CodeArray a = CodeArray.create(shape.bits(), n);
    for (int i = 0; i < n; i++) {
      int[] classes = c[r.nextInt(centres)].clone();
      for (int g = 0; g < classes.length; g++) {
        if (r.nextDouble() < redraw) {
          classes[g] = r.nextInt(shape.classes());
        }
      }
      a.add(shape.encode(classes));
    }
    return a;
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
