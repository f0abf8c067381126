package io.semhash.estimator;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;

/**
 * Categorical ZGR: surrogate Jacobian (J_ST + J_DARN)/2 with J_ST = diag(p) − ppᵀ and
 * J_DARN = (x − p)(x − p)ᵀ, so per class j: ĝ_j = ½ [p_j (g_j − g_x) + 1[j = x](g_x − ⟨p, g⟩)].
 * Sums to zero over classes; with two classes it is binary ZGR on η₁ − η₀; unbiased for f of
 * degree ≤ 2 in x.
 */
public final class CategoricalZgrEstimator extends AbstractCategoricalEstimator {

  public static final String NAME = "zgr";
  private static final CategoricalZgrEstimator INSTANCE = new CategoricalZgrEstimator();

  private CategoricalZgrEstimator() {}

  public static CategoricalZgrEstimator create() {
    return INSTANCE;
  }

  @Override
  INDArray relaxed(INDArray logits, INDArray x, INDArray z, Random rng) {
    return null;
  }

  @Override
  INDArray backwardFlat(INDArray p, INDArray x, INDArray relaxed, INDArray g) {
    INDArray gx = rowDot(x, g);
    INDArray pg = rowDot(p, g);
    INDArray atSample = x.mulColumnVector(gx.sub(pg));
    return g.subColumnVector(gx).muli(p).addi(atSample).muli(0.5);
  }

  @Override
  public String name() {
    return NAME;
  }
}
