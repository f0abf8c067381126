package io.semhash.estimator;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * REINFORCE (score function) with the leave-one-out baseline, for Bernoulli latents: with K
 * samples x_k per row, ĝ = (1/K) Σ_k (f(x_k) − mean_{j≠k} f(x_j)) (x_k − p). Unbiased for any f,
 * needs f itself rather than its gradient, and usually has high variance.
 *
 * <p>It does not fit {@link BinaryEstimator} (which maps ∂f/∂x back), so it has its own two-step
 * API: {@link #sample} K configurations, let the caller evaluate f on each row of
 * {@link ReinforceSample#x()}, then {@link #gradient} from those values.
 */
public final class ReinforceLooEstimator {

  public static final String NAME = "reinforce";
  private final int k;

  private ReinforceLooEstimator(int k) {
    this.k = EstimatorArguments.requireSamples(NAME, k, 2);
  }

  /**
   * @param k samples per row; the leave-one-out baseline needs at least 2
   * @throws IllegalArgumentException if K &lt; 2
   */
  public static ReinforceLooEstimator create(int k) {
    return new ReinforceLooEstimator(k);
  }

  /** Draws K samples for every row of the {@code [batch, bits]} logits. */
  public ReinforceSample sample(INDArray logits, Random rng) {
    EstimatorArguments.requireFiniteLogits(NAME, logits);
    if (logits.rank() != 2) {
      throw new IllegalArgumentException(
          NAME + ": logits must be [batch, bits], got rank " + logits.rank());
    }
    INDArray p = Transforms.sigmoid(logits, true);
    long batch = logits.size(0);
    long bits = logits.size(1);
    INDArray pk = Nd4j.zeros(logits.dataType(), k, batch, bits).addi(p);
    INDArray x = Noise.bernoulli(pk, rng).reshape(k * batch, bits);
    return new ReinforceSample(logits, p, x, k);
  }

  /**
   * The estimate of ∂E[f]/∂η, {@code [batch, bits]}.
   *
   * @param f the values f(x) for every row of {@code sample.x()}: {@code [k * batch]},
   *     {@code [k * batch, 1]} or {@code [k, batch]}
   */
  public INDArray gradient(ReinforceSample sample, INDArray f) {
    long batch = sample.logits().size(0);
    long bits = sample.logits().size(1);
    if (f.length() != k * batch) {
      throw new IllegalArgumentException(
          NAME + ": expected " + (k * batch) + " values of f, got " + f.length());
    }
    INDArray values = f.castTo(sample.logits().dataType()).reshape(k, batch);
    // advantage_k = f_k − (S − f_k)/(K − 1) = (K f_k − S)/(K − 1)
    INDArray total = values.sum(true, 0); // [1, batch]
    INDArray advantage = values.mul(k).subiRowVector(total).divi(k - 1.0).reshape(k * batch, 1);
    INDArray score = sample.x().reshape(k, batch, bits).sub(sample.p()).reshape(k * batch, bits);
    return score.muliColumnVector(advantage).reshape(k, batch * bits).mean(0).reshape(batch, bits);
  }

  public int samples() {
    return k;
  }

  public String name() {
    return NAME + "(K=" + k + ")";
  }
}
