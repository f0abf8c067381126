package io.semhash.estimator;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Straight-through (ST): forward the hard sample, backward as if x were p = σ(η), surrogate
 * dx/dη = p(1 − p). Biased on quadratic f by p(1−p)·A_ii·(2p − 1) per coordinate.
 */
public final class StraightThroughEstimator extends HardBernoulliEstimator {

  public static final String NAME = "st";
  private static final StraightThroughEstimator INSTANCE = new StraightThroughEstimator();

  private StraightThroughEstimator() {}

  public static StraightThroughEstimator create() {
    return INSTANCE;
  }

  @Override
  INDArray surrogate(INDArray p, INDArray x) {
    return p.rsub(1.0).muli(p);
  }

  @Override
  public String name() {
    return NAME;
  }
}
