package io.semhash.bench;

import io.semhash.codes.BitCode;
import io.semhash.codes.CodeArray;
import io.semhash.codes.CodeShape;
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

/**
 * Time of one exact k-NN query by symbol distance over {@code n} (default 100,000) clustered
 * categorical codes, single thread: {@code scan} = {@link HammingScanIndex} of the shape (xor,
 * fold each group, popcount), {@code mih} = {@link MultiIndexHashingIndex} of the shape forced to
 * answer by its tables (substrings of whole groups, probes that change whole symbols).
 *
 * <p>The anchor is {@code binaryScan}: the binary scan over the very same packed words read as
 * bits (its answer is by Hamming distance, so it differs; its memory traffic is the same), so
 * {@code scan / binaryScan} is the cost of the fold. Codes: random centres, each code a centre
 * with every group's class redrawn with probability 0.2; queries fresh draws of the same process.
 * The setup checks scan and MIH agree with brute force by {@link CodeShape#symbolDistance} on the
 * first queries. Shapes: {@code 32x4}, {@code 16x16}, {@code 8x256} (64 bits, groups within
 * words), {@code 21x8} (63 bits) and {@code 43x8} (129 bits, groups straddling words), {@code
 * 128x4} (256 bits).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
public class SymbolKnnBenchmark {

  private static final int QUERIES = 1024; // a power of two: the cycle is a mask

  @Param({"32x4", "16x16", "8x256", "21x8", "43x8", "128x4"})
  String shape;

  @Param("10")
  int k;

  @Param("100000")
  int n;

  private HammingScanIndex binary;
  private HammingScanIndex scan;
  private MultiIndexHashingIndex mih;
  private long[][] queries;
  private int next;

  @Setup(Level.Trial)
  public void setUp() {
    String[] gc = shape.split("x");
    CodeShape s = new CodeShape(Integer.parseInt(gc[0]), Integer.parseInt(gc[1]));
    SplittableRandom r = new SplittableRandom(42L * n + s.hashCode());
    int[][] centres = new int[Math.max(16, n / 100)][s.groups()];
    for (int[] c : centres) {
      for (int g = 0; g < c.length; g++) {
        c[g] = r.nextInt(s.classes());
      }
    }
    CodeArray codes = CodeArray.create(s.bits(), n);
    for (int i = 0; i < n; i++) {
      codes.add(draw(s, centres, r));
    }
    queries = new long[QUERIES][];
    for (int i = 0; i < QUERIES; i++) {
      queries[i] = draw(s, centres, r).toWords();
    }
    binary = HammingScanIndex.create(s.bits());
    binary.addAll(codes);
    scan = HammingScanIndex.create(s);
    scan.addAll(codes);
    mih = MultiIndexHashingIndex.create(s, new MultiIndexHashingIndex.Options(0, true));
    mih.addAll(codes);
    for (int i = 0; i < 10; i++) {
      SearchResult a = scan.knn(queries[i], k, null);
      SearchResult b = mih.knn(queries[i], k, null);
      int[] want = bruteForce(s, codes, queries[i], k);
      if (!Arrays.equals(a.distances(), want) || !a.equals(b)) {
        throw new AssertionError("scan, MIH and brute force disagree at query " + i);
      }
    }
  }

  private static BitCode draw(CodeShape s, int[][] centres, SplittableRandom r) {
    int[] classes = centres[r.nextInt(centres.length)].clone();
    for (int g = 0; g < classes.length; g++) {
      if (r.nextDouble() < 0.2) {
        classes[g] = r.nextInt(s.classes());
      }
    }
    return s.encode(classes);
  }

  /** The k smallest symbol distances, class by class. */
  private static int[] bruteForce(CodeShape s, CodeArray codes, long[] q, int k) {
    BitCode query = BitCode.of(s.bits(), q);
    int[] d = new int[codes.size()];
    for (int i = 0; i < d.length; i++) {
      d[i] = s.symbolDistance(codes.get(i), query);
    }
    Arrays.sort(d);
    return Arrays.copyOf(d, k);
  }

  private long[] nextQuery() {
    long[] q = queries[next];
    next = (next + 1) & (QUERIES - 1);
    return q;
  }

  /** The anchor: the binary scan over the same words. */
  @Benchmark
  public SearchResult binaryScan() {
    return binary.knn(nextQuery(), k, null);
  }

  @Benchmark
  public SearchResult scan() {
    return scan.knn(nextQuery(), k, null);
  }

  @Benchmark
  public SearchResult mih() {
    return mih.knn(nextQuery(), k, null);
  }
}
