package io.semhash.index;

import io.semhash.codes.SymbolDistance;
import java.nio.ByteBuffer;
import org.roaringbitmap.BatchIterator;
import org.roaringbitmap.IntIterator;
import org.roaringbitmap.RoaringBitmap;

/**
 * The exhaustive scan: xor + popcount over the contiguous code array, feeding a {@link TopK}
 * (categorical codes: xor, fold each group into one bit, popcount; see {@link SymbolDistance}).
 *
 * <p>This is the hot path, so the loops are specialised by code width (1, 2 and 4 words, and a
 * general loop) and by storage (heap {@code long[]} or a mapped little-endian buffer). Each loop
 * keeps the current acceptance limit in a local and only calls into the selector when a distance
 * is within it, which after the first few hundred codes is rare. Tombstones split the id range
 * into gaps that are scanned without per-id checks; a filter turns the scan into a gather over
 * the allowed ids. Categorical codes take one loop of their own, so the binary loops stay as they
 * are.
 */
final class LinearScan {

  private static final int BATCH = 256;

  private LinearScan() {}

  /**
   * Scans live ids in {@code [from, to)} (all of them, or only those in {@code filter} when it is
   * not null). Returns the number of codes examined.
   */
  static long scan(Snapshot s, long[] q, int from, int to, RoaringBitmap filter, TopK sel) {
    if (from >= to) {
      return 0;
    }
    if (filter != null) {
      return gather(s, q, from, to, filter, sel);
    }
    long examined = 0;
    int limit = sel.limit();
    int start = from;
    RoaringBitmap deleted = s.deleted();
    if (!deleted.isEmpty()) {
      IntIterator it = deleted.getIntIterator();
      while (it.hasNext()) {
        int t = it.next();
        if (t < start) {
          continue;
        }
        if (t >= to) {
          break;
        }
        if (t > start) {
          limit = range(s, q, start, t, limit, sel);
          examined += t - start;
        }
        start = t + 1;
      }
    }
    if (start < to) {
      range(s, q, start, to, limit, sel);
      examined += to - start;
    }
    return examined;
  }

  /** Distances for ids in {@code filter \ deleted} within {@code [from, to)}. */
  private static long gather(Snapshot s, long[] q, int from, int to, RoaringBitmap filter, TopK sel) {
    RoaringBitmap deleted = s.deleted();
    boolean checkDeleted = !deleted.isEmpty();
    int[] ids = new int[BATCH];
    BatchIterator it = filter.getBatchIterator();
    if (from > 0) {
      it.advanceIfNeeded(from);
    }
    int limit = sel.limit();
    long examined = 0;
    boolean heap1 = s.binary() && s.wpc() == 1 && s.mappedCount() == 0;
    long[] heap = s.heap();
    long q0 = q[0];
    while (it.hasNext()) {
      int n = it.nextBatch(ids);
      for (int i = 0; i < n; i++) {
        int id = ids[i];
        if (id >= to) {
          return examined;
        }
        if (checkDeleted && deleted.contains(id)) {
          continue;
        }
        examined++;
        int d = heap1 ? Long.bitCount(heap[id] ^ q0) : s.distance(id, q);
        if (d <= limit) {
          limit = sel.offer(id, d);
        }
      }
    }
    return examined;
  }

  /** Scans ids {@code [from, to)}, none deleted, choosing the storage and width loop. */
  static int range(Snapshot s, long[] q, int from, int to, int limit, TopK sel) {
    if (!s.binary()) {
      return symbolRange(s, q, from, to, limit, sel);
    }
    int mc = s.mappedCount();
    if (from < mc) {
      int end = Math.min(to, mc);
      limit = mappedRange(s.mapped(), s.wpc(), q, from, end, limit, sel);
      from = end;
    }
    if (from < to) {
      long[] a = s.heap();
      switch (s.wpc()) {
        case 1:
          return heap1(a, q[0], from - mc, to - mc, mc, limit, sel);
        case 2:
          return heap2(a, q[0], q[1], from - mc, to - mc, mc, limit, sel);
        case 4:
          return heap4(a, q, from - mc, to - mc, mc, limit, sel);
        default:
          return heapN(a, s.wpc(), q, from - mc, to - mc, mc, limit, sel);
      }
    }
    return limit;
  }

  /** Categorical codes: the symbol-distance kernel per code, heap and mapped alike. */
  static int symbolRange(Snapshot s, long[] q, int from, int to, int limit, TopK sel) {
    int mc = s.mappedCount();
    int i = from;
    for (; i < Math.min(to, mc); i++) {
      int d = s.distance(i, q);
      if (d <= limit) {
        limit = sel.offer(i, d);
      }
    }
    SymbolDistance symbols = s.symbols();
    long[] a = s.heap();
    int wpc = s.wpc();
    for (; i < to; i++) {
      int d = symbols.distance(a, (i - mc) * wpc, q, 0);
      if (d <= limit) {
        limit = sel.offer(i, d);
      }
    }
    return limit;
  }

  // Heap loops: i indexes the heap array, the id is i + base.

  static int heap1(long[] a, long q0, int from, int to, int base, int limit, TopK sel) {
    int i = from;
    // Unrolled by 4: one well-predicted branch per four codes on the common (reject) path.
    for (; i + 3 < to; i += 4) {
      int d0 = Long.bitCount(a[i] ^ q0);
      int d1 = Long.bitCount(a[i + 1] ^ q0);
      int d2 = Long.bitCount(a[i + 2] ^ q0);
      int d3 = Long.bitCount(a[i + 3] ^ q0);
      if (Math.min(Math.min(d0, d1), Math.min(d2, d3)) <= limit) {
        if (d0 <= limit) {
          limit = sel.offer(base + i, d0);
        }
        if (d1 <= limit) {
          limit = sel.offer(base + i + 1, d1);
        }
        if (d2 <= limit) {
          limit = sel.offer(base + i + 2, d2);
        }
        if (d3 <= limit) {
          limit = sel.offer(base + i + 3, d3);
        }
      }
    }
    for (; i < to; i++) {
      int d = Long.bitCount(a[i] ^ q0);
      if (d <= limit) {
        limit = sel.offer(base + i, d);
      }
    }
    return limit;
  }

  static int heap2(long[] a, long q0, long q1, int from, int to, int base, int limit, TopK sel) {
    int i = from;
    for (; i + 1 < to; i += 2) {
      int j = i << 1;
      int d0 = Long.bitCount(a[j] ^ q0) + Long.bitCount(a[j + 1] ^ q1);
      int d1 = Long.bitCount(a[j + 2] ^ q0) + Long.bitCount(a[j + 3] ^ q1);
      if (Math.min(d0, d1) <= limit) {
        if (d0 <= limit) {
          limit = sel.offer(base + i, d0);
        }
        if (d1 <= limit) {
          limit = sel.offer(base + i + 1, d1);
        }
      }
    }
    for (; i < to; i++) {
      int j = i << 1;
      int d = Long.bitCount(a[j] ^ q0) + Long.bitCount(a[j + 1] ^ q1);
      if (d <= limit) {
        limit = sel.offer(base + i, d);
      }
    }
    return limit;
  }

  static int heap4(long[] a, long[] q, int from, int to, int base, int limit, TopK sel) {
    long q0 = q[0];
    long q1 = q[1];
    long q2 = q[2];
    long q3 = q[3];
    for (int i = from; i < to; i++) {
      int j = i << 2;
      int d = Long.bitCount(a[j] ^ q0)
          + Long.bitCount(a[j + 1] ^ q1)
          + Long.bitCount(a[j + 2] ^ q2)
          + Long.bitCount(a[j + 3] ^ q3);
      if (d <= limit) {
        limit = sel.offer(base + i, d);
      }
    }
    return limit;
  }

  static int heapN(long[] a, int wpc, long[] q, int from, int to, int base, int limit, TopK sel) {
    for (int i = from; i < to; i++) {
      int j = i * wpc;
      int d = 0;
      for (int w = 0; w < wpc; w++) {
        d += Long.bitCount(a[j + w] ^ q[w]);
      }
      if (d <= limit) {
        limit = sel.offer(base + i, d);
      }
    }
    return limit;
  }

  // Mapped loops: ids index the buffer directly (the mapped region starts at id 0).

  static int mappedRange(ByteBuffer b, int wpc, long[] q, int from, int to, int limit, TopK sel) {
    if (wpc == 1) {
      long q0 = q[0];
      for (int i = from; i < to; i++) {
        int d = Long.bitCount(b.getLong(i << 3) ^ q0);
        if (d <= limit) {
          limit = sel.offer(i, d);
        }
      }
      return limit;
    }
    if (wpc == 2) {
      long q0 = q[0];
      long q1 = q[1];
      for (int i = from; i < to; i++) {
        int p = i << 4;
        int d = Long.bitCount(b.getLong(p) ^ q0) + Long.bitCount(b.getLong(p + 8) ^ q1);
        if (d <= limit) {
          limit = sel.offer(i, d);
        }
      }
      return limit;
    }
    for (int i = from; i < to; i++) {
      int p = (i * wpc) << 3;
      int d = 0;
      for (int w = 0; w < wpc; w++) {
        d += Long.bitCount(b.getLong(p + (w << 3)) ^ q[w]);
      }
      if (d <= limit) {
        limit = sel.offer(i, d);
      }
    }
    return limit;
  }
}
