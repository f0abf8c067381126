package io.semhash.estimator;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A function f(x) of the latent configuration and its gradient ∂f/∂x, evaluated row-wise on a
 * batch {@code [rows, n]} so that all 2ⁿ configurations are one call. The gradient must be defined
 * for real-valued x too (the relaxed estimators evaluate it off the vertices). For categorical
 * latents x is the flattened one-hot {@code [rows, variables · classes]}.
 */
public interface Objective {

  /** f per row, {@code [rows]}. */
  INDArray values(INDArray x);

  /** ∂f/∂x per row, {@code [rows, n]}. */
  INDArray gradients(INDArray x);
}
