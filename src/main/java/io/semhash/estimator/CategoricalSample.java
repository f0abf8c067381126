package io.semhash.estimator;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One forward draw of a categorical estimator.
 *
 * @param logits η, classes on the last axis (e.g. {@code [batch, classes]} or
 *     {@code [batch, variables, classes]})
 * @param p softmax(η) over the last axis, same shape
 * @param x the one-hot sample, same shape: the forward value the model sees
 * @param relaxed for the Gumbel estimators the relaxed samples softmax(z/τ) as
 *     {@code [k * rows, classes]} (draw-major, rows = all axes but the last), otherwise null
 */
public record CategoricalSample(INDArray logits, INDArray p, INDArray x, INDArray relaxed) {}
