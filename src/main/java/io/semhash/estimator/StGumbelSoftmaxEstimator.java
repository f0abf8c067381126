package io.semhash.estimator;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Straight-through Gumbel-Softmax (ST-GS): the forward value is the hard x = 1[η + ℓ &gt; 0], the
 * backward uses the relaxed derivative s(1 − s)/τ at the same noise ℓ, s = σ((η + ℓ)/τ).
 */
public final class StGumbelSoftmaxEstimator implements BinaryEstimator {

  public static final String NAME = "stgs";
  private final double tau;

  private StGumbelSoftmaxEstimator(double tau) {
    this.tau = EstimatorArguments.requirePositiveTau(NAME, tau);
  }

  /**
   * @throws IllegalArgumentException if τ ≤ 0 or not finite
   */
  public static StGumbelSoftmaxEstimator create(double tau) {
    return new StGumbelSoftmaxEstimator(tau);
  }

  @Override
  public BinarySample sample(INDArray logits, Random rng) {
    EstimatorArguments.requireFiniteLogits(NAME, logits);
    INDArray p = Transforms.sigmoid(logits, true);
    INDArray z = Noise.perturbedLogits(logits, rng);
    INDArray x = z.gt(0.0).castTo(logits.dataType());
    return new BinarySample(logits, p, x, surrogate(z));
  }

  @Override
  public BinarySample sampleGiven(INDArray logits, INDArray x, Random rng) {
    EstimatorArguments.requireFiniteLogits(NAME, logits);
    EstimatorArguments.requireSameShape(NAME, logits, x);
    INDArray p = Transforms.sigmoid(logits, true);
    INDArray bits = x.castTo(logits.dataType());
    INDArray z = Noise.conditionalPerturbedLogits(logits, p, bits, 1, rng).reshape(logits.shape());
    return new BinarySample(logits, p, bits, surrogate(z));
  }

  private INDArray surrogate(INDArray z) {
    INDArray s = Transforms.sigmoid(z.div(tau), false);
    return s.rsub(1.0).muli(s).divi(tau);
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
