package io.semhash.estimator;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DARN (Gregor et al. 2014) with expansion point p: surrogate dx/dη = (x − p)². Its bias on the
 * quadratic part of f is exactly the negative of straight-through's.
 */
public final class DarnEstimator extends HardBernoulliEstimator {

  public static final String NAME = "darn";
  private static final DarnEstimator INSTANCE = new DarnEstimator();

  private DarnEstimator() {}

  public static DarnEstimator create() {
    return INSTANCE;
  }

  @Override
  INDArray surrogate(INDArray p, INDArray x) {
    INDArray d = x.sub(p);
    return d.muli(d);
  }

  @Override
  public String name() {
    return NAME;
  }
}
