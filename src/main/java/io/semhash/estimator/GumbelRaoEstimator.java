package io.semhash.estimator;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Gumbel-Rao Monte Carlo (Paulus et al. 2021), binary case: ST-GS Rao-Blackwellised over the
 * noise. Forward the hard x ~ Bernoulli(p); the surrogate is the average of s(1 − s)/τ over K
 * logistic draws ℓ conditioned on the observed x (ℓ &gt; −η where x = 1, ℓ &lt; −η where x = 0).
 * As τ → 0 and K → ∞ it tends to {@link ZgrEstimator}.
 */
public final class GumbelRaoEstimator implements BinaryEstimator {

  public static final String NAME = "grmc";
  private final double tau;
  private final int k;

  private GumbelRaoEstimator(double tau, int k) {
    this.tau = EstimatorArguments.requirePositiveTau(NAME, tau);
    this.k = EstimatorArguments.requireSamples(NAME, k, 1);
  }

  /**
   * @throws IllegalArgumentException if τ ≤ 0 or not finite, or K &lt; 1
   */
  public static GumbelRaoEstimator create(double tau, int k) {
    return new GumbelRaoEstimator(tau, k);
  }

  @Override
  public BinarySample sample(INDArray logits, Random rng) {
    EstimatorArguments.requireFiniteLogits(NAME, logits);
    INDArray p = Transforms.sigmoid(logits, true);
    return conditioned(logits, p, Noise.bernoulli(p, rng), rng);
  }

  @Override
  public BinarySample sampleGiven(INDArray logits, INDArray x, Random rng) {
    EstimatorArguments.requireFiniteLogits(NAME, logits);
    EstimatorArguments.requireSameShape(NAME, logits, x);
    INDArray p = Transforms.sigmoid(logits, true);
    return conditioned(logits, p, x.castTo(logits.dataType()), rng);
  }

  private BinarySample conditioned(INDArray logits, INDArray p, INDArray x, Random rng) {
    INDArray z = Noise.conditionalPerturbedLogits(logits, p, x, k, rng); // [k, ...]
    INDArray s = Transforms.sigmoid(z.divi(tau), false);
    INDArray jacobians = s.rsub(1.0).muli(s);
    INDArray surrogate = jacobians.mean(0).divi(tau).reshape(logits.shape());
    return new BinarySample(logits, p, x, surrogate);
  }

  @Override
  public boolean drawsNoise() {
    return true;
  }

  @Override
  public String name() {
    return NAME + "(K=" + k + ",tau=" + tau + ")";
  }
}
