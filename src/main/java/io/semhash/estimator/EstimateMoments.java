package io.semhash.estimator;

/**
 * The first two moments of an estimator ĝ over the latent sample (and its extra noise), next to the
 * exact gradient they are compared with.
 *
 * @param mean E[ĝ], flat over the latent coordinates
 * @param standardError the Monte Carlo standard error of each mean coordinate; all zero when the
 *     mean is exact (estimators without extra noise)
 * @param variance the total variance E‖ĝ − E[ĝ]‖² (trace of the covariance)
 * @param exact the exact ∂E[f]/∂η from the same enumeration
 */
public record EstimateMoments(
    double[] mean, double[] standardError, double variance, double[] exact) {

  /** ‖E[ĝ] − exact‖². */
  public double squaredBias() {
    double sum = 0;
    for (int i = 0; i < mean.length; i++) {
      double d = mean[i] - exact[i];
      sum += d * d;
    }
    return sum;
  }

  /** The Monte Carlo floor of {@link #squaredBias}: Σ standardError², zero when exact. */
  public double squaredBiasNoiseFloor() {
    double sum = 0;
    for (double s : standardError) {
      sum += s * s;
    }
    return sum;
  }

  /** E‖ĝ − exact‖² = squared bias + variance. */
  public double meanSquaredError() {
    return squaredBias() + variance;
  }
}
