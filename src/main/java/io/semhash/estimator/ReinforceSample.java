package io.semhash.estimator;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * K independent Bernoulli samples per row, for REINFORCE.
 *
 * @param logits η, {@code [batch, bits]}
 * @param p σ(η), same shape
 * @param x the samples stacked draw-major, {@code [k * batch, bits]}: row {@code d * batch + b} is
 *     sample d of row b; evaluate f on every row
 * @param k the number of samples per row
 */
public record ReinforceSample(INDArray logits, INDArray p, INDArray x, int k) {

  /** The rows of {@link #x} that belong to sample {@code d} (a view), {@code [batch, bits]}. */
  public INDArray draw(int d) {
    long batch = logits.size(0);
    return x.get(
        org.nd4j.linalg.indexing.NDArrayIndex.interval(d * batch, (d + 1) * batch),
        org.nd4j.linalg.indexing.NDArrayIndex.all());
  }
}
