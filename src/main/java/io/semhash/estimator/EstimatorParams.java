package io.semhash.estimator;

/**
 * Hyper-parameters of the estimators that have them. ZGR, ST and DARN ignore both.
 *
 * @param tau the Gumbel-Softmax temperature τ (GS, ST-GS, GR-MC); must be &gt; 0
 * @param samples K, the number of noise draws (GR-MC) or of samples (REINFORCE); must be ≥ 1
 */
public record EstimatorParams(double tau, int samples) {

  /** τ = 0.5 and K = 10, common choices in the Gumbel-Rao literature. */
  public static final EstimatorParams DEFAULTS = new EstimatorParams(0.5, 10);

  /** The same K with a different τ. */
  public EstimatorParams withTau(double newTau) {
    return new EstimatorParams(newTau, samples);
  }

  /** The same τ with a different K. */
  public EstimatorParams withSamples(int newSamples) {
    return new EstimatorParams(tau, newSamples);
  }
}
