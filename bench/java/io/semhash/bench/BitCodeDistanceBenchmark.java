package io.semhash.bench;

import io.semhash.codes.BitCode;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Time of one Hamming distance between two codes, {@link BitCode#distance(BitCode)}: the call
 * everything outside the indexes uses (explanations, tests, the evaluation's rankings), with its
 * length check and the indirection to each code's words.
 *
 * <p>The anchor is the packed form, {@link BitCode#distance(long[], int, long[], int, int)} over
 * two flat {@code long[]} holding the same codes back to back, the layout the indexes scan; the
 * ratio is what the object form costs over it. Each invocation runs 1,024 distinct pairs (summed,
 * so nothing is dead code) and is reported per pair.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class BitCodeDistanceBenchmark {

  private static final int PAIRS = 1024;

  @Param({"64", "256"})
  int bits;

  private BitCode[] a;
  private BitCode[] b;
  private long[] aWords;
  private long[] bWords;
  private int words;

  @Setup(Level.Trial)
  public void setUp() {
    SplittableRandom r = new SplittableRandom(bits);
    words = BitCode.wordsFor(bits);
    a = new BitCode[PAIRS];
    b = new BitCode[PAIRS];
    aWords = new long[PAIRS * words];
    bWords = new long[PAIRS * words];
    for (int i = 0; i < PAIRS; i++) {
      a[i] = BitCode.random(bits, r);
      b[i] = BitCode.random(bits, r);
      a[i].copyTo(aWords, i * words);
      b[i].copyTo(bWords, i * words);
    }
  }

  @Benchmark
  @OperationsPerInvocation(PAIRS)
  public int bitCode() {
    int sum = 0;
    for (int i = 0; i < PAIRS; i++) {
      sum += a[i].distance(b[i]);
    }
    return sum;
  }

  /** The anchor: the same pairs as packed words. */
  @Benchmark
  @OperationsPerInvocation(PAIRS)
  public int packedWords() {
    int sum = 0;
    for (int i = 0; i < PAIRS; i++) {
      sum += BitCode.distance(aWords, i * words, bWords, i * words, words);
    }
    return sum;
  }
}
