package io.semhash.estimator;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Categorical straight-through Gumbel-Softmax: x = one-hot(arg-max(η + G)), backward through
 * s = softmax((η + G)/τ) at the same G: ĝ = s ⊙ (g − ⟨s, g⟩)/τ.
 */
public final class CategoricalStGumbelSoftmaxEstimator extends AbstractCategoricalEstimator {

  public static final String NAME = "stgs";
  private final double tau;

  private CategoricalStGumbelSoftmaxEstimator(double tau) {
    this.tau = EstimatorArguments.requirePositiveTau(NAME, tau);
  }

  /**
   * @throws IllegalArgumentException if τ ≤ 0 or not finite
   */
  public static CategoricalStGumbelSoftmaxEstimator create(double tau) {
    return new CategoricalStGumbelSoftmaxEstimator(tau);
  }

  @Override
  INDArray relaxed(INDArray logits, INDArray x, INDArray z, Random rng) {
    INDArray perturbed = z != null ? z : Noise.conditionalGumbelLogits(logits, x, 1, rng);
    return Transforms.softmax(perturbed.div(tau), false);
  }

  @Override
  INDArray backwardFlat(INDArray p, INDArray x, INDArray relaxed, INDArray g) {
    return softmaxJvp(relaxed, g).divi(tau);
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
