package io.semhash.estimator;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The estimators whose forward value is the plain Bernoulli sample and whose surrogate derivative
 * is a closed form in p and x (ST, DARN, ZGR): they cost one sigmoid, one uniform draw and a
 * couple of element-wise operations, and draw no extra noise.
 */
abstract class HardBernoulliEstimator implements BinaryEstimator {

  @Override
  public final BinarySample sample(INDArray logits, Random rng) {
    EstimatorArguments.requireFiniteLogits(name(), logits);
    INDArray p = Transforms.sigmoid(logits, true);
    INDArray x = Noise.bernoulli(p, rng);
    return new BinarySample(logits, p, x, surrogate(p, x));
  }

  @Override
  public final BinarySample sampleGiven(INDArray logits, INDArray x, Random rng) {
    EstimatorArguments.requireFiniteLogits(name(), logits);
    EstimatorArguments.requireSameShape(name(), logits, x);
    INDArray p = Transforms.sigmoid(logits, true);
    INDArray bits = x.castTo(logits.dataType());
    return new BinarySample(logits, p, bits, surrogate(p, bits));
  }

  /** The diagonal surrogate dx/dη at probabilities p and bits x. */
  abstract INDArray surrogate(INDArray p, INDArray x);
}
