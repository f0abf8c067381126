package io.semhash.study;

import java.util.List;

/**
 * The comparison on one problem.
 *
 * @param name short name: quadratic, cubic, decoder
 * @param description what f is and the size of the latent
 * @param dimension the number of logits (the length of the gradient)
 * @param exactGradientSquaredNorm ‖g*‖², the scale the squared bias and variance compare with
 * @param estimators one row per estimator
 */
public record ProblemReport(
    String name,
    String description,
    int dimension,
    double exactGradientSquaredNorm,
    List<EstimatorFigures> estimators) {}
