package io.semhash.estimator;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Shared shape handling of the categorical estimators: arrays of any rank ≥ 2 are viewed as
 * {@code [rows, classes]}, the subclasses work on that 2-D form.
 */
abstract class AbstractCategoricalEstimator implements CategoricalEstimator {

  @Override
  public final CategoricalSample sample(INDArray logits, Random rng) {
    INDArray flat = flatLogits(logits);
    INDArray p = Transforms.softmax(flat, true);
    INDArray z = Noise.gumbel(flat.dataType(), rng, flat.shape()).addi(flat);
    INDArray x = Noise.oneHotArgMax(z);
    return new CategoricalSample(
        logits, p.reshape(logits.shape()), x.reshape(logits.shape()), relaxed(flat, x, z, rng));
  }

  @Override
  public final CategoricalSample sampleGiven(INDArray logits, INDArray x, Random rng) {
    INDArray flat = flatLogits(logits);
    EstimatorArguments.requireSameShape(name(), logits, x);
    INDArray p = Transforms.softmax(flat, true);
    INDArray oneHot = x.castTo(flat.dataType()).reshape('c', flat.shape());
    return new CategoricalSample(
        logits, p.reshape(logits.shape()), oneHot.reshape(logits.shape()),
        relaxed(flat, oneHot, null, rng));
  }

  @Override
  public final INDArray backward(CategoricalSample sample, INDArray dfdx) {
    long classes = sample.logits().size(-1);
    INDArray g = dfdx.reshape('c', -1, classes);
    INDArray p = sample.p().reshape('c', -1, classes);
    INDArray x = sample.x().reshape('c', -1, classes);
    return backwardFlat(p, x, sample.relaxed(), g).reshape(sample.logits().shape());
  }

  /**
   * The relaxed samples the backward needs, or null.
   *
   * @param z the perturbed logits η + G behind x when drawn unconditionally, null when x was given
   */
  abstract INDArray relaxed(INDArray logits, INDArray x, INDArray z, Random rng);

  /** The estimate on the 2-D view: p, x, g are {@code [rows, classes]}. */
  abstract INDArray backwardFlat(INDArray p, INDArray x, INDArray relaxed, INDArray g);

  private INDArray flatLogits(INDArray logits) {
    EstimatorArguments.requireFiniteLogits(name(), logits);
    if (logits.rank() < 2) {
      throw new IllegalArgumentException(
          name() + ": logits need a class axis, got rank " + logits.rank());
    }
    return logits.reshape('c', -1, logits.size(-1));
  }

  /** ⟨a_r, g_r⟩ per row, {@code [rows, 1]}. */
  static INDArray rowDot(INDArray a, INDArray g) {
    return a.mul(g).sum(true, 1);
  }

  /** (diag(s) − s sᵀ) g per row = s ⊙ (g − ⟨s, g⟩), the softmax Jacobian-vector product. */
  static INDArray softmaxJvp(INDArray s, INDArray g) {
    INDArray sg = s.mul(g);
    INDArray dot = sg.sum(true, 1);
    return sg.subi(s.mulColumnVector(dot));
  }
}
