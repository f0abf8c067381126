package io.semhash.estimator;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;

/** Categorical straight-through: forward the one-hot x, backward as if x were p: p ⊙ (g − ⟨p, g⟩). */
public final class CategoricalStEstimator extends AbstractCategoricalEstimator {

  public static final String NAME = "st";
  private static final CategoricalStEstimator INSTANCE = new CategoricalStEstimator();

  private CategoricalStEstimator() {}

  public static CategoricalStEstimator create() {
    return INSTANCE;
  }

  @Override
  INDArray relaxed(INDArray logits, INDArray x, INDArray z, Random rng) {
    return null;
  }

  @Override
  INDArray backwardFlat(INDArray p, INDArray x, INDArray relaxed, INDArray g) {
    return softmaxJvp(p, g);
  }

  @Override
  public String name() {
    return NAME;
  }
}
