package io.semhash.estimator;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Categorical Gumbel-Rao Monte Carlo: forward the one-hot x, backward the average over K Gumbel
 * draws conditioned on arg-max = x of (diag(s) − ssᵀ) g / τ with s = softmax(z/τ). Tends to
 * {@link CategoricalZgrEstimator} as τ → 0, K → ∞.
 */
public final class CategoricalGumbelRaoEstimator extends AbstractCategoricalEstimator {

  public static final String NAME = "grmc";
  private final double tau;
  private final int k;

  private CategoricalGumbelRaoEstimator(double tau, int k) {
    this.tau = EstimatorArguments.requirePositiveTau(NAME, tau);
    this.k = EstimatorArguments.requireSamples(NAME, k, 1);
  }

  /**
   * @throws IllegalArgumentException if τ ≤ 0 or not finite, or K &lt; 1
   */
  public static CategoricalGumbelRaoEstimator create(double tau, int k) {
    return new CategoricalGumbelRaoEstimator(tau, k);
  }

  @Override
  INDArray relaxed(INDArray logits, INDArray x, INDArray z, Random rng) {
    INDArray perturbed = Noise.conditionalGumbelLogits(logits, x, k, rng);
    return Transforms.softmax(perturbed.divi(tau), false);
  }

  @Override
  INDArray backwardFlat(INDArray p, INDArray x, INDArray relaxed, INDArray g) {
    long rows = g.size(0);
    long classes = g.size(1);
    INDArray gk = relaxed.reshape(k, rows, classes).mul(g).reshape(k * rows, classes);
    INDArray dot = gk.sum(true, 1);
    INDArray jvp = gk.subi(relaxed.mulColumnVector(dot)); // [k*rows, classes]
    return jvp.reshape(k, rows * classes).mean(0).divi(tau).reshape(rows, classes);
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
