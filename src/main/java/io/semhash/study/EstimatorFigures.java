package io.semhash.study;

/**
 * How one estimator does on one problem, against the exact gradient g* of E[f].
 *
 * @param estimator the estimator's name with its parameters
 * @param squaredBias ‖E[ĝ] − g*‖²
 * @param squaredBiasNoiseFloor the Monte Carlo floor of {@code squaredBias} (Σ of squared
 *     standard errors of E[ĝ]); 0 when E[ĝ] is exact by enumeration
 * @param variance E‖ĝ − E[ĝ]‖², the total variance of one estimate
 * @param meanSquaredError squared bias + variance = E‖ĝ − g*‖²
 * @param cosine the mean cosine between one estimate and g*
 * @param microsPerEstimate wall time of one estimate (sample, ∂f/∂x or f, backward), amortised
 *     over a batch of 64 estimates, the fastest of several batches
 * @param expectation how E[ĝ] was obtained: "exact" (enumeration) or "MC" (enumeration over x,
 *     Monte Carlo over extra noise or samples)
 */
public record EstimatorFigures(
    String estimator,
    double squaredBias,
    double squaredBiasNoiseFloor,
    double variance,
    double meanSquaredError,
    double cosine,
    double microsPerEstimate,
    String expectation) {}
