package io.semhash.index;

import io.semhash.codes.CodeShape;
import org.roaringbitmap.RoaringBitmap;

/**
 * Exact search by multi-index hashing (Norouzi, Punjani and Fleet, TPAMI 2014), with the linear
 * scan as the fallback chosen per query by {@link QueryPlanner}.
 *
 * <p><b>Search.</b> The code is split into m substrings (m ≈ bits / log2 n by default). If two
 * codes differ in d bits, by pigeonhole some substring differs in at most {@code floor(d / m)}
 * bits. The search probes, for radius {@code rr = 0, 1, 2, ...} and each table {@code j} in turn,
 * every substring value at distance exactly rr from the query's substring j. After table j at
 * radius rr, every code with full distance {@code <= m * rr + j} has been seen, so the search stops
 * as soon as the k-th best distance is within that bound (or, for a radius query, the bound
 * reaches the radius). A candidate seen in an earlier table is recognised from its substring
 * distances, without a visited set. Results are exact and ordered by (distance, id).
 *
 * <p><b>Categorical codes.</b> Substrings are cut on group boundaries and distances count symbols:
 * the probes at substring radius rr change rr whole symbols of the query's substring in every way
 * ({@link SubstringNeighbours}), and the pigeonhole bound above holds with symbols for bits.
 *
 * <p><b>Updates.</b> The tables cover a prefix of the ids; codes added since the last build sit in
 * a tail that queries scan. The tables are rebuilt (synchronously, under the write lock) when the
 * tail exceeds 1/64 of the tables, so adds are amortised O(m); {@link #addAll} rebuilds once per
 * batch. Deletes are tombstones checked per candidate; {@link #compact()} drops them from the
 * tables. Tables are not saved: they are rebuilt on load (linear time).
 *
 * <p><b>Memory.</b> Per table 4 bytes per code plus {@code 4 * 2^len} bytes of offsets; see {@link
 * #memoryUsage()}.
 */
public final class MultiIndexHashingIndex extends AbstractHammingIndex {

  static final String KIND = "mih";

  /**
   * Options.
   *
   * @param substrings number of substrings m, or 0 to choose {@code bits / log2 n} at each build
   * @param alwaysMih never fall back to the scan, keep tables at any size and rebuild them once
   *     64 codes are in the tail (tests, benchmarks)
   */
  public record Options(int substrings, boolean alwaysMih) {
    /** Automatic substrings, cost-based choice of scan or MIH. */
    public static final Options DEFAULT = new Options(0, false);

    public Options {
      if (substrings < 0 || substrings > 1024) {
        throw new IllegalArgumentException(
            "substrings = " + substrings + " is outside the allowed range [0, 1024] (0 = automatic)");
      }
    }
  }

  /** What a query reads: one snapshot and the tables built over a prefix of it. */
  private record State(Snapshot snap, MihTables tables) {}

  private final Options options;
  private volatile State state;

  private MultiIndexHashingIndex(CodeStore store, Options options) {
    super(store);
    if (options.substrings() > 0) {
      MihTables.checkSubstrings(shape, options.substrings());
    }
    this.options = options;
    this.state = new State(store.snapshot(), null);
    synchronized (writeLock) {
      publish(store.snapshot(), true);
    }
  }

  /** A new, empty index of binary codes with automatic substrings and cost-based plan choice. */
  public static MultiIndexHashingIndex create(int bits) {
    return create(CodeShape.binary(bits), Options.DEFAULT);
  }

  /** A new, empty index of binary codes with the given options. */
  public static MultiIndexHashingIndex create(int bits, Options options) {
    return create(CodeShape.binary(bits), options);
  }

  /** A new, empty index of codes of {@code shape}, searched by symbol distance, with the given options. */
  public static MultiIndexHashingIndex create(CodeShape shape, Options options) {
    return new MultiIndexHashingIndex(new CodeStore(shape), options);
  }

  static MultiIndexHashingIndex fromStore(CodeStore store, int substrings) {
    return new MultiIndexHashingIndex(store, new Options(substrings, false));
  }

  /** The options this index was created with. */
  public Options options() {
    return options;
  }

  /** Number of substrings of the current tables, or 0 when there are none (small index). */
  public int substrings() {
    MihTables t = state.tables();
    return t == null ? 0 : t.m;
  }

  @Override
  Snapshot snapshot() {
    return state.snap();
  }

  @Override
  void publish(Snapshot s, boolean appended) {
    MihTables t = state.tables();
    int live = s.liveCount();
    boolean want = options.alwaysMih() ? s.size() > 0 : live >= QueryPlanner.MIN_MIH_SIZE;
    if (want) {
      int covered = t == null ? 0 : t.count;
      int tail = s.size() - covered;
      int allowedTail = options.alwaysMih() ? 64 : Math.max(1024, covered / 64);
      if (t == null || tail > allowedTail) {
        int m = options.substrings() > 0 ? options.substrings() : MihTables.defaultSubstrings(shape, live);
        t = MihTables.build(s, s.size(), m);
      }
    }
    state = new State(s, t);
  }

  @Override
  String kind() {
    return KIND;
  }

  @Override
  int substringsOption() {
    return options.substrings();
  }

  @Override
  AbstractHammingIndex sameKind(CodeStore store) {
    return new MultiIndexHashingIndex(store, options);
  }

  @Override
  long tableBytes() {
    MihTables t = state.tables();
    return t == null ? 0 : t.memoryBytes();
  }

  @Override
  Object snapshotForSearch() {
    return state;
  }

  @Override
  SearchResult search(Object st, long[] q, int k, int maxDistance, RoaringBitmap filter) {
    State state = (State) st;
    Snapshot s = state.snap();
    MihTables t = state.tables();
    double budget = Double.POSITIVE_INFINITY;
    if (t == null) {
      return scan(s, q, k, maxDistance, filter, null);
    }
    if (!options.alwaysMih()) {
      QueryPlanner.Estimate e = QueryPlanner.estimate(
          s.liveCount(), shape, k, maxDistance, filter == null ? -1 : filter.getLongCardinality(), t.symbols, t.count);
      if (e.plan() != QueryPlanner.Plan.MIH) {
        return scan(s, q, k, maxDistance, filter, null);
      }
      budget = e.budget();
    }
    SearchResult r = mih(s, t, q, k, maxDistance, filter, budget);
    return r != null ? r : scan(s, q, k, maxDistance, filter, QueryPlanner.Plan.MIH_THEN_SCAN);
  }

  private SearchResult scan(Snapshot s, long[] q, int k, int maxDistance, RoaringBitmap filter, QueryPlanner.Plan plan) {
    TopK sel = new TopK(k, maxDistance, groups, true);
    long examined = LinearScan.scan(s, q, 0, s.size(), filter, sel);
    if (plan == null) {
      plan = filter == null ? QueryPlanner.Plan.SCAN : QueryPlanner.Plan.FILTER_SCAN;
    }
    return sel.result(examined, plan);
  }

  /** The MIH search; null when the work budget ran out. */
  private SearchResult mih(
      Snapshot s, MihTables t, long[] q, int k, int maxDistance, RoaringBitmap filter, double budget) {
    TopK sel = new TopK(k, maxDistance, groups, false);
    long examined = LinearScan.scan(s, q, t.count, s.size(), filter, sel);
    double work = examined;
    int m = t.m;
    int[] qs = new int[m];
    int maxSymbols = 0;
    for (int j = 0; j < m; j++) {
      qs[j] = MihTables.extract(q, t.starts[j], t.lens[j]);
      maxSymbols = Math.max(maxSymbols, t.symbols[j]);
    }
    RoaringBitmap deleted = s.deleted();
    boolean checkDeleted = !deleted.isEmpty();
    boolean heap1 = s.binary() && s.wpc() == 1 && s.mappedCount() == 0;
    long[] heap = s.heap();
    long q0 = q[0];
    int limit = sel.limit();
    SubstringNeighbours neighbours = new SubstringNeighbours(t.w);
    for (int rr = 0; rr <= maxSymbols; rr++) {
      for (int j = 0; j < m; j++) {
        int len = t.symbols[j];
        int[] off = t.offsets[j];
        int[] post = t.postings[j];
        int qj = qs[j];
        for (int mask = neighbours.first(len, rr); mask >= 0; mask = neighbours.next()) {
          int g = t.bucket(j, qj ^ mask);
          int a = g < 0 ? 0 : off[g];
          int b = g < 0 ? 0 : off[g + 1];
          work += QueryPlanner.PROBE_COST + (b - a) * QueryPlanner.CANDIDATE_COST;
          examined += b - a;
          for (int p = a; p < b; p++) {
            int id = post[p];
            int d = heap1 ? Long.bitCount(heap[id] ^ q0) : s.distance(id, q);
            if (d > limit
                || (m > 1 && seenBefore(s, t, id, j, rr, qs))
                || (checkDeleted && deleted.contains(id))
                || (filter != null && !filter.contains(id))) {
              continue;
            }
            limit = sel.offer(id, d);
          }
          if (work > budget) {
            return null;
          }
        }
        // Every code has now been seen if table j was fully enumerated; otherwise every code
        // with distance <= m * rr + j (pigeonhole over the substrings' distances).
        int bound = rr >= len ? groups : m * rr + j;
        if (bound >= maxDistance || (sel.full() && sel.tau() <= bound)) {
          return sel.result(examined, QueryPlanner.Plan.MIH);
        }
      }
    }
    return sel.result(examined, QueryPlanner.Plan.MIH);
  }

  /**
   * True if a candidate found in table j at substring radius rr was already offered by an earlier
   * probe: by a table before j at radius <= rr or a table after j at radius < rr.
   */
  private static boolean seenBefore(Snapshot s, MihTables t, int id, int j, int rr, int[] qs) {
    for (int i = 0; i < t.m; i++) {
      if (i == j) {
        continue;
      }
      int di = t.substringDistance(i, t.extract(s, id, i) ^ qs[i]);
      if (i < j ? di <= rr : di < rr) {
        return true;
      }
    }
    return false;
  }
}
