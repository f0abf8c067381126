package io.semhash.estimator;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One forward draw of a Bernoulli estimator, everything its backward pass needs.
 *
 * <p>All binary estimators of this package have a diagonal surrogate Jacobian, so the backward map
 * is the element-wise product {@code ∂f/∂η = ∂f/∂x ⊙ surrogate}.
 *
 * @param logits the logits η, {@code [batch, bits]}
 * @param p σ(η), same shape
 * @param x the forward value the model sees: the hard bits in {0, 1}, or the relaxed value for
 *     Gumbel-Softmax
 * @param surrogate the diagonal surrogate derivative dx/dη the estimator substitutes
 */
public record BinarySample(INDArray logits, INDArray p, INDArray x, INDArray surrogate) {}
