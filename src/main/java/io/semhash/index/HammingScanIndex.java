package io.semhash.index;

import org.roaringbitmap.RoaringBitmap;

/**
 * Exact search by exhaustive scan: one xor + popcount per code over a contiguous {@code long[]},
 * top-k by per-distance buckets. Memory is the codes themselves (at most 1.125x their size while
 * growing) plus the tombstone bitmap; there is nothing to build or rebuild. The right choice up to
 * about a million codes, for selective filters and for large radii. Bounded by memory bandwidth:
 * see docs/BENCHMARKS.md for measured codes per second.
 */
public final class HammingScanIndex extends AbstractHammingIndex {

  static final String KIND = "scan";

  private volatile Snapshot current;

  private HammingScanIndex(CodeStore store) {
    super(store);
    this.current = store.snapshot();
  }

  /** A new, empty scan index for codes of {@code bits} bits (in [8, 1024]). */
  public static HammingScanIndex create(int bits) {
    return new HammingScanIndex(new CodeStore(bits));
  }

  static HammingScanIndex fromStore(CodeStore store) {
    return new HammingScanIndex(store);
  }

  @Override
  Snapshot snapshot() {
    return current;
  }

  @Override
  void publish(Snapshot s, boolean appended) {
    current = s;
  }

  @Override
  String kind() {
    return KIND;
  }

  @Override
  int substringsOption() {
    return 0;
  }

  @Override
  AbstractHammingIndex sameKind(CodeStore store) {
    return new HammingScanIndex(store);
  }

  @Override
  long tableBytes() {
    return 0;
  }

  @Override
  Object snapshotForSearch() {
    return current;
  }

  @Override
  SearchResult search(Object state, long[] query, int k, int maxDistance, RoaringBitmap filter) {
    Snapshot s = (Snapshot) state;
    TopK sel = new TopK(k, maxDistance, bits, true);
    long examined = LinearScan.scan(s, query, 0, s.size(), filter, sel);
    return sel.result(examined, filter == null ? QueryPlanner.Plan.SCAN : QueryPlanner.Plan.FILTER_SCAN);
  }
}
