package io.semhash.estimator;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;

/**
 * A gradient estimator for independent Bernoulli latents x ~ Bernoulli(σ(η)), batch-first
 * {@code [batch, bits]}.
 *
 * <p>The model calls {@link #sample} in its forward pass and {@link #backward} in its backward
 * pass. Arrays may be FLOAT or DOUBLE; results keep the logits' data type. Implementations are
 * stateless and thread-safe (the generator passed in is not).
 */
public interface BinaryEstimator {

  /**
   * Draws x ~ Bernoulli(σ(η)) (plus any extra noise the estimator needs).
   *
   * @throws IllegalArgumentException if a logit is NaN or infinite
   */
  BinarySample sample(INDArray logits, Random rng);

  /**
   * The same as {@link #sample} but with the hard bits {@code x} given instead of drawn; extra noise
   * is drawn conditionally on {@code x}. Exact enumeration uses it: summing P(x)·ĝ over all x gives
   * the estimator's expectation.
   */
  BinarySample sampleGiven(INDArray logits, INDArray x, Random rng);

  /** Maps ∂f/∂x, evaluated at {@code sample.x()}, to the estimate of ∂E[f]/∂η. */
  default INDArray backward(BinarySample sample, INDArray dfdx) {
    return dfdx.mul(sample.surrogate());
  }

  /** True when the estimate depends on noise beyond the sampled bits (the Gumbel estimators). */
  default boolean drawsNoise() {
    return false;
  }

  /** The short name, as accepted by {@link BinaryEstimators#byName}, with parameters if any. */
  String name();
}
