package io.semhash.bench;

import io.semhash.estimator.BinaryEstimator;
import io.semhash.estimator.BinaryEstimators;
import io.semhash.estimator.BinarySample;
import io.semhash.estimator.EstimatorParams;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Forward (sample) + backward of the binary estimators on a 64 × 128 FLOAT logits batch, the
 * shape of one training step at 128 bits. The estimators are timed in interleaved rounds (the
 * order rotates every round) so that load from other processes hits them alike; the figure is the
 * median over rounds of the mean time per call, and the ZGR / ST ratio is taken in the same run.
 *
 * <p>Usage: {@code EstimatorBench [rounds] [callsPerRound]}.
 */
public final class EstimatorBench {

  private EstimatorBench() {}

  public static void main(String[] args) {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 21;
    int calls = args.length > 1 ? Integer.parseInt(args[1]) : 300;
    int batch = 64;
    int bits = 128;
    Random rng = Nd4j.getRandomFactory().getNewRandomInstance(7);
    INDArray logits = Nd4j.randn(DataType.FLOAT, batch, bits).muli(2);
    INDArray dfdx = Nd4j.randn(DataType.FLOAT, batch, bits);
    EstimatorParams params = new EstimatorParams(0.5, 10);
    List<BinaryEstimator> estimators = new ArrayList<>();
    for (String name : List.of("zgr", "st", "darn", "stgs", "grmc")) {
      estimators.add(BinaryEstimators.byName(name, params));
    }
    for (BinaryEstimator e : estimators) { // warm-up: JIT and native op caches
      for (int i = 0; i < 2 * calls; i++) {
        step(e, logits, dfdx, rng);
      }
    }
    double[][] micros = new double[estimators.size()][rounds];
    double[] ratios = new double[rounds];
    for (int r = 0; r < rounds; r++) {
      for (int k = 0; k < estimators.size(); k++) {
        int e = (k + r) % estimators.size();
        long start = System.nanoTime();
        for (int i = 0; i < calls; i++) {
          step(estimators.get(e), logits, dfdx, rng);
        }
        micros[e][r] = (System.nanoTime() - start) / 1e3 / calls;
      }
      ratios[r] = micros[0][r] / micros[1][r];
    }
    System.out.printf(
        "binary estimators, forward (sample) + backward, FLOAT [%d, %d], %d rounds x %d calls, "
            + "median of rounds%n",
        batch, bits, rounds, calls);
    for (int e = 0; e < estimators.size(); e++) {
      double[] sorted = micros[e].clone();
      Arrays.sort(sorted);
      System.out.printf(
          "  %-20s %8.1f us/call  (min %.1f, max %.1f)%n",
          estimators.get(e).name(), sorted[rounds / 2], sorted[0], sorted[rounds - 1]);
    }
    double[] sortedRatios = ratios.clone();
    Arrays.sort(sortedRatios);
    System.out.printf(
        "ZGR / ST time ratio: median over rounds %.3f (min %.3f, max %.3f); target <= 1.5%n",
        sortedRatios[rounds / 2], sortedRatios[0], sortedRatios[rounds - 1]);
    System.out.println("threads: OMP_NUM_THREADS=" + System.getenv("OMP_NUM_THREADS"));
  }

  private static INDArray step(BinaryEstimator estimator, INDArray logits, INDArray dfdx, Random rng) {
    BinarySample sample = estimator.sample(logits, rng);
    return estimator.backward(sample, dfdx);
  }
}
