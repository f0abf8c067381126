package io.semhash.bench;

import io.semhash.codes.BitCode;
import io.semhash.codes.CodeArray;
import io.semhash.index.HammingScanIndex;
import io.semhash.index.MultiIndexHashingIndex;
import io.semhash.index.SearchResult;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.roaringbitmap.RoaringBitmap;

/**
 * Time of one exact k-NN query over {@code n} (default 100,000) clustered synthetic codes, single
 * thread: {@link HammingScanIndex} (xor + popcount over contiguous words, top-k by distance
 * buckets) and {@link MultiIndexHashingIndex} forced to answer by its tables ({@code alwaysMih}, so
 * the planner cannot fall back to the scan), on the same codes and queries.
 *
 * <p>The anchor is {@link HammingBench#naive}: a generic word loop and a {@link
 * java.util.PriorityQueue} of k, what a straightforward implementation does; {@code scan / naive}
 * is the gain of the index's scan, {@code mih / scan} what the tables buy at this size. The codes
 * and queries come from {@link HammingBench}'s generator (random centres, bits flipped with
 * probability 0.1), so the neighbour distances, which decide MIH's cost, are those of its tables in
 * docs/BENCHMARKS.md.
 *
 * <p>{@code filter=tenth} restricts every query to a seeded random 10% of the ids, a {@link
 * RoaringBitmap} applied during the search; {@code none} searches all ids. Each operation is one
 * query, cycling through 1,024 queries. The setup checks the three methods agree on the first
 * queries, so a benchmark never times a wrong answer.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
public class HammingKnnBenchmark {

  private static final int QUERIES = 1024; // a power of two: the cycle is a mask

  @Param({"64", "256"})
  int bits;

  @Param({"10", "100"})
  int k;

  @Param({"none", "tenth"})
  String filter;

  @Param("100000")
  int n;

  private CodeArray codes;
  private HammingScanIndex scan;
  private MultiIndexHashingIndex mih;
  private long[][] queries;
  private RoaringBitmap allowed;
  private int next;

  @Setup(Level.Trial)
  public void setUp() {
    SplittableRandom r = new SplittableRandom(42L * n + bits);
    BitCode[] centres = HammingBench.centres(n, bits, r);
    codes = HammingBench.clustered(centres, n, r);
    queries = HammingBench.clusteredQueries(centres, QUERIES, r);
    allowed = switch (filter) {
      case "none" -> null;
      case "tenth" -> tenth(n, r);
      default -> throw new IllegalArgumentException("filter = " + filter + ", expected none or tenth");
    };
    scan = HammingScanIndex.create(bits);
    scan.addAll(codes);
    mih = MultiIndexHashingIndex.create(bits, new MultiIndexHashingIndex.Options(0, true));
    mih.addAll(codes);
    for (int i = 0; i < 10; i++) {
      SearchResult a = scan.knn(queries[i], k, allowed);
      SearchResult b = mih.knn(queries[i], k, allowed);
      int[] c = HammingBench.naive(codes.rawWords(), n, codes.wordsPerCode(), queries[i], k, allowed);
      if (!Arrays.equals(a.ids(), b.ids()) || !Arrays.equals(a.distances(), b.distances()) || !Arrays.equals(a.ids(), c)) {
        throw new AssertionError("scan, MIH and the naive scan disagree at query " + i);
      }
    }
  }

  /** A random tenth of the ids in [0, n). */
  private static RoaringBitmap tenth(int n, SplittableRandom r) {
    RoaringBitmap b = new RoaringBitmap();
    for (int id = 0; id < n; id++) {
      if (r.nextInt(10) == 0) {
        b.add(id);
      }
    }
    b.runOptimize();
    return b;
  }

  private long[] nextQuery() {
    long[] q = queries[next];
    next = (next + 1) & (QUERIES - 1);
    return q;
  }

  /** The anchor: generic loop, priority queue of k. */
  @Benchmark
  public int[] naive() {
    return HammingBench.naive(codes.rawWords(), n, codes.wordsPerCode(), nextQuery(), k, allowed);
  }

  @Benchmark
  public SearchResult scan() {
    return scan.knn(nextQuery(), k, allowed);
  }

  @Benchmark
  public SearchResult mih() {
    return mih.knn(nextQuery(), k, allowed);
  }
}
