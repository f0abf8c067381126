package io.semhash.bench;

import io.semhash.estimator.BinaryEstimator;
import io.semhash.estimator.BinarySample;
import io.semhash.estimator.StraightThroughEstimator;
import io.semhash.estimator.ZgrEstimator;
import java.util.concurrent.TimeUnit;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;
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
 * The binary latent layer's estimator work in one training step, on a FLOAT {@code [128, 64]}
 * batch (the default batch size and code length): {@code sampleAndBackward} is the forward draw
 * (sigmoid, Bernoulli sample, surrogate dx/dη) plus the backward map of ∂f/∂x to ∂f/∂η, and {@code
 * backward} the backward map alone on a fixed draw.
 *
 * <p>The anchor is the straight-through estimator ({@code estimator=st}) in the same fork
 * settings: ZGR is meant to cost what ST costs (its surrogate is |x − p| / 2 instead of 1), so
 * {@code zgr / st} should stay near 1. ND4J's OpenMP threads oversubscribe a shared machine; run
 * with {@code OMP_NUM_THREADS=1} ({@code bench/jmh.sh} sets it unless given).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1) // ND4J's op paths settle later than plain Java code
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
public class ZgrEstimatorBenchmark {

  @Param({"zgr", "st"})
  String estimator;

  @Param("128")
  int batch;

  @Param("64")
  int bits;

  private BinaryEstimator impl;
  private Random rng;
  private INDArray logits;
  private INDArray dfdx;
  private BinarySample sample;

  @Setup(Level.Trial)
  public void setUp() {
    impl = switch (estimator) {
      case "zgr" -> ZgrEstimator.create();
      case "st" -> StraightThroughEstimator.create();
      default -> throw new IllegalArgumentException("estimator = " + estimator + ", expected zgr or st");
    };
    Nd4j.getRandom().setSeed(7);
    rng = Nd4j.getRandomFactory().getNewRandomInstance(7);
    logits = Nd4j.randn(DataType.FLOAT, batch, bits).muli(2);
    dfdx = Nd4j.randn(DataType.FLOAT, batch, bits);
    sample = impl.sample(logits, rng);
  }

  @Benchmark
  public INDArray backward() {
    return impl.backward(sample, dfdx);
  }

  @Benchmark
  public INDArray sampleAndBackward() {
    return impl.backward(impl.sample(logits, rng), dfdx);
  }
}
