package io.semhash.index;

import io.semhash.codes.CodeShape;
import org.roaringbitmap.RoaringBitmap;

/**
 * Exact search by exhaustive scan: one xor + popcount per code over a contiguous {@code long[]},
 * top-k by per-distance buckets. Memory is the codes themselves (at most 1.125x their size while
 * growing) plus the tombstone bitmap; there is nothing to build or rebuild. The right choice up to
 * about a million codes, for selective filters and for large radii. Categorical codes are
 * scanned the same way with the symbol-distance kernel ({@link io.semhash.codes.SymbolDistance}). Bounded by memory bandwidth:
 * see docs/BENCHMARKS.md for measured codes per second.
 */
public final class HammingScanIndex extends AbstractHammingIndex {

  static final String KIND = "scan";

  private volatile Snapshot current;

  private HammingScanIndex(CodeStore store) {
    super(store);
    this.current = store.snapshot();
  }

  /** A new, empty scan index for binary codes of {@code bits} bits (in [8, 1024]). */
  public static HammingScanIndex create(int bits) {
    return create(CodeShape.binary(bits));
  }

  /** A new, empty scan index for codes of {@code shape}, searched by symbol distance. */
  public static HammingScanIndex create(CodeShape shape) {
    return new HammingScanIndex(new CodeStore(shape));
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
    TopK sel = new TopK(k, maxDistance, groups, true);
    long examined = LinearScan.scan(s, query, 0, s.size(), filter, sel);
    return sel.result(examined, filter == null ? QueryPlanner.Plan.SCAN : QueryPlanner.Plan.FILTER_SCAN);
  }
}
