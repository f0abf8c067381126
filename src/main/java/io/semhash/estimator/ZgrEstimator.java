package io.semhash.estimator;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * ZGR, the Gapped Straight-Through / "cold" Rao-Blackwellised ST-Gumbel-Softmax estimator
 * (Shekhovtsov 2023): surrogate dx/dη = (ST + DARN)/2 = |x − p| / 2.
 *
 * <p>Why it is the default: it is the τ → 0 limit of Gumbel-Rao, so it needs no temperature and no
 * extra samples; it is unbiased whenever f is a polynomial of degree ≤ 2 in x (the quadratic biases
 * of ST and DARN are equal and opposite and cancel); and it costs the same as ST.
 */
public final class ZgrEstimator extends HardBernoulliEstimator {

  public static final String NAME = "zgr";
  private static final ZgrEstimator INSTANCE = new ZgrEstimator();

  private ZgrEstimator() {}

  public static ZgrEstimator create() {
    return INSTANCE;
  }

  @Override
  INDArray surrogate(INDArray p, INDArray x) {
    return Transforms.abs(x.sub(p), false).muli(0.5);
  }

  @Override
  public String name() {
    return NAME;
  }
}
