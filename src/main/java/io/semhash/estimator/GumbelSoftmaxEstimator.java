package io.semhash.estimator;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Gumbel-Softmax / Concrete relaxation (binary case): the forward value is the relaxed
 * s = σ((η + ℓ)/τ) with ℓ ~ Logistic(0, 1), and f is evaluated at s, not at a hard bit. The
 * surrogate is the true derivative ds/dη = s(1 − s)/τ. Biased for any τ &gt; 0 (f sees values
 * the model never sees at test time); the variance grows as τ shrinks.
 */
public final class GumbelSoftmaxEstimator implements BinaryEstimator {

  public static final String NAME = "gs";
  private final double tau;

  private GumbelSoftmaxEstimator(double tau) {
    this.tau = EstimatorArguments.requirePositiveTau(NAME, tau);
  }

  /**
   * @throws IllegalArgumentException if τ ≤ 0 or not finite
   */
  public static GumbelSoftmaxEstimator create(double tau) {
    return new GumbelSoftmaxEstimator(tau);
  }

  @Override
  public BinarySample sample(INDArray logits, Random rng) {
    EstimatorArguments.requireFiniteLogits(NAME, logits);
    INDArray p = Transforms.sigmoid(logits, true);
    return relaxed(logits, p, Noise.perturbedLogits(logits, rng));
  }

  @Override
  public BinarySample sampleGiven(INDArray logits, INDArray x, Random rng) {
    EstimatorArguments.requireFiniteLogits(NAME, logits);
    EstimatorArguments.requireSameShape(NAME, logits, x);
    INDArray p = Transforms.sigmoid(logits, true);
    INDArray bits = x.castTo(logits.dataType());
    INDArray z = Noise.conditionalPerturbedLogits(logits, p, bits, 1, rng).reshape(logits.shape());
    return relaxed(logits, p, z);
  }

  private BinarySample relaxed(INDArray logits, INDArray p, INDArray z) {
    INDArray s = Transforms.sigmoid(z.divi(tau), false);
    INDArray surrogate = s.rsub(1.0).muli(s).divi(tau);
    return new BinarySample(logits, p, s, surrogate);
  }

  @Override
  public boolean drawsNoise() {
    return true;
  }

  @Override
  public String name() {
    return NAME + "(tau=" + tau + ")";
  }
}
