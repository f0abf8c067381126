package io.semhash.estimator;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;

/**
 * A gradient estimator for categorical latents x ~ Categorical(softmax(η)), one-hot over the last
 * axis; any leading axes are batch (and variable) axes. Arrays may be FLOAT or DOUBLE.
 */
public interface CategoricalEstimator {

  /**
   * Draws a one-hot x (plus any extra noise).
   *
   * @throws IllegalArgumentException if a logit is NaN or infinite
   */
  CategoricalSample sample(INDArray logits, Random rng);

  /** The same as {@link #sample} with the one-hot {@code x} given; extra noise is conditioned on it. */
  CategoricalSample sampleGiven(INDArray logits, INDArray x, Random rng);

  /** Maps ∂f/∂x, evaluated at {@code sample.x()}, to the estimate of ∂E[f]/∂η. */
  INDArray backward(CategoricalSample sample, INDArray dfdx);

  /** True when the estimate depends on noise beyond the sampled x (the Gumbel estimators). */
  default boolean drawsNoise() {
    return false;
  }

  /** The short name, as accepted by {@link CategoricalEstimators#byName}, with parameters. */
  String name();
}
