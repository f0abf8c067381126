package io.semhash.estimator;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The noise the estimators draw, vectorised on ND4J arrays from an explicit generator: uniforms,
 * Bernoulli bits, logistic noise (binary Gumbel) and Gumbel noise, each also conditioned on an
 * observed sample as Gumbel-Rao needs. Results have the data type of the logits.
 */
final class Noise {

  private Noise() {}

  /** Uniforms in [eps, 1 − eps], eps small enough for the data type, so logs stay finite. */
  static INDArray uniform(DataType type, Random rng, long... shape) {
    INDArray u = Nd4j.rand(Nd4j.createUninitialized(type, shape), rng);
    double eps = type == DataType.DOUBLE ? 1e-15 : 1e-7;
    return clamp(u, eps);
  }

  private static INDArray clamp(INDArray u, double eps) {
    Transforms.max(u, eps, false);
    return Transforms.min(u, 1.0 - eps, false);
  }

  /** x_i = 1 with probability p_i: one uniform draw and one comparison per element. */
  static INDArray bernoulli(INDArray p, Random rng) {
    INDArray u = Nd4j.rand(Nd4j.createUninitialized(p.dataType(), p.shape()), rng);
    return u.lt(p).castTo(p.dataType());
  }

  /** η + ℓ with ℓ ~ Logistic(0, 1): the binary Gumbel perturbation; x = 1[η + ℓ &gt; 0]. */
  static INDArray perturbedLogits(INDArray logits, Random rng) {
    INDArray u = uniform(logits.dataType(), rng, logits.shape());
    INDArray logistic = Transforms.log(u, true).subi(Transforms.log(u.rsubi(1.0), false));
    return logistic.addi(logits);
  }

  /**
   * K draws of η + ℓ with ℓ ~ Logistic(0, 1) conditioned on the observed bits: ℓ &gt; −η where
   * x = 1 and ℓ &lt; −η where x = 0, by inverse CDF with the uniform restricted to [1−p, 1] or
   * [0, 1−p].
   *
   * @return {@code [k, rows, bits]} when the logits are {@code [rows, bits]}
   */
  static INDArray conditionalPerturbedLogits(
      INDArray logits, INDArray p, INDArray x, int k, Random rng) {
    DataType type = logits.dataType();
    long[] shape = prepend(k, logits.shape());
    INDArray q = p.rsub(1.0);
    // u' = x·q + u·(x·p + (1 − x)·q) = x·q + u·(q + x·(p − q))
    INDArray lower = x.mul(q);
    INDArray width = p.sub(q).muli(x).addi(q);
    INDArray u = uniform(type, rng, shape).muli(width).addi(lower);
    double eps = type == DataType.DOUBLE ? 1e-15 : 1e-7;
    clamp(u, eps);
    INDArray logistic = Transforms.log(u, true).subi(Transforms.log(u.rsubi(1.0), false));
    return logistic.addi(logits);
  }

  /** G ~ Gumbel(0, 1): −log(−log u). */
  static INDArray gumbel(DataType type, Random rng, long... shape) {
    INDArray u = uniform(type, rng, shape);
    return Transforms.log(Transforms.log(u, false).negi(), false).negi();
  }

  /** The one-hot of the arg-max over the last axis of a {@code [rows, classes]} array. */
  static INDArray oneHotArgMax(INDArray z) {
    return z.subColumnVector(z.max(true, 1)).gte(0.0).castTo(z.dataType());
  }

  /**
   * K draws of the perturbed logits z = η + G given that arg-max(z) is the observed class: the
   * maximum z_x ~ Gumbel(log Z) and every other z_j a Gumbel(η_j) truncated below z_x, computed as
   * z_x = −log E_x + log Z and z_j = −log(E_j e^{−η_j} + E_x / Z) with E ~ Exp(1) (in log space).
   *
   * @param logits {@code [rows, classes]}
   * @param x the observed one-hot samples, same shape
   * @return {@code [k * rows, classes]}, draw-major (row {@code d * rows + r} is draw d of row r)
   */
  static INDArray conditionalGumbelLogits(INDArray logits, INDArray x, int k, Random rng) {
    DataType type = logits.dataType();
    long rows = logits.size(0);
    long classes = logits.size(1);
    INDArray logZ = logSumExp(logits); // [rows, 1]
    INDArray logE =
        Transforms.log(Transforms.log(uniform(type, rng, k, rows, classes), false).negi(), false);
    INDArray xk = Nd4j.zeros(type, k, rows, classes).addi(x).reshape(k * rows, classes);
    INDArray etaK = Nd4j.zeros(type, k, rows, classes).addi(logits).reshape(k * rows, classes);
    INDArray logZk = Nd4j.zeros(type, k, rows, 1).addi(logZ).reshape(k * rows, 1);
    INDArray logE2 = logE.reshape(k * rows, classes);
    INDArray logEx = logE2.mul(xk).sum(true, 1); // [k*rows, 1]
    INDArray top = logZk.sub(logEx); // z at the observed class
    INDArray a = logE2.sub(etaK);
    INDArray b = logEx.sub(logZk); // [k*rows, 1]
    INDArray maxAb = Transforms.max(a, b.broadcast(a.shape()), true);
    INDArray gap = Transforms.abs(a.subColumnVector(b), false).negi();
    INDArray others = Transforms.log1p(Transforms.exp(gap, false), false).addi(maxAb).negi();
    // z = x·top + (1 − x)·others
    return others.addi(xk.mul(others.rsubColumnVector(top)));
  }

  /** log Σ_j exp(η_j) over the last axis of a {@code [rows, classes]} array, {@code [rows, 1]}. */
  static INDArray logSumExp(INDArray logits) {
    INDArray max = logits.max(true, 1);
    INDArray sum = Transforms.exp(logits.subColumnVector(max), false).sum(true, 1);
    return Transforms.log(sum, false).addi(max);
  }

  static long[] prepend(long first, long[] shape) {
    long[] out = new long[shape.length + 1];
    out[0] = first;
    System.arraycopy(shape, 0, out, 1, shape.length);
    return out;
  }
}
