package io.semhash.estimator;

import io.semhash.random.Gaussian;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * f(x) = xᵀAx + bᵀx, the case where ZGR is exactly unbiased and where the biases of ST and DARN
 * have a closed form; used as a test problem and by the estimator comparison.
 *
 * @param a the n×n matrix A (not necessarily symmetric)
 * @param b the vector b, length n
 */
public record QuadraticObjective(double[][] a, double[] b) implements Objective {

  /**
   * A random quadratic with A_ij ~ N(0, 1) off the diagonal and a diagonal bounded away from zero
   * (|A_ii| ≥ 0.5), so the ST bias p(1−p)A_ii(2p−1) is visible; b ~ N(0, 1).
   */
  public static QuadraticObjective random(int n, long seed) {
    java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
    double[][] a = new double[n][n];
    double[] b = new double[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        a[i][j] = Gaussian.draw(random);
      }
      a[i][i] = Math.copySign(0.5 + Math.abs(Gaussian.draw(random)), Gaussian.draw(random));
      b[i] = Gaussian.draw(random);
    }
    return new QuadraticObjective(a, b);
  }

  @Override
  public INDArray values(INDArray x) {
    INDArray matrix = Nd4j.createFromArray(a).castTo(x.dataType());
    INDArray vector = Nd4j.createFromArray(b).castTo(x.dataType()).reshape(b.length, 1);
    return x.mmul(matrix).muli(x).sum(1).addi(x.mmul(vector).reshape(x.size(0)));
  }

  @Override
  public INDArray gradients(INDArray x) {
    INDArray matrix = Nd4j.createFromArray(a).castTo(x.dataType());
    INDArray symmetric = matrix.add(matrix.transpose());
    INDArray vector = Nd4j.createFromArray(b).castTo(x.dataType());
    return x.mmul(symmetric).addiRowVector(vector);
  }

  /**
   * The exact ∂E[f]/∂η for independent Bernoulli(σ(η_i)) bits:
   * p_i(1−p_i)·[A_ii + b_i + Σ_{j≠i}(A_ij + A_ji)p_j].
   */
  public double[] exactBinaryGradient(double[] logits) {
    int n = b.length;
    double[] p = sigmoid(logits);
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      double sum = a[i][i] + b[i];
      for (int j = 0; j < n; j++) {
        if (j != i) {
          sum += (a[i][j] + a[j][i]) * p[j];
        }
      }
      out[i] = p[i] * (1 - p[i]) * sum;
    }
    return out;
  }

  /** The bias of straight-through, E[ĝ_ST] − exact: p_i(1−p_i)·A_ii·(2p_i − 1). DARN's is minus it. */
  public double[] straightThroughBias(double[] logits) {
    double[] p = sigmoid(logits);
    double[] out = new double[b.length];
    for (int i = 0; i < b.length; i++) {
      out[i] = p[i] * (1 - p[i]) * a[i][i] * (2 * p[i] - 1);
    }
    return out;
  }

  static double[] sigmoid(double[] logits) {
    double[] p = new double[logits.length];
    for (int i = 0; i < p.length; i++) {
      p[i] = 1.0 / (1.0 + Math.exp(-logits[i]));
    }
    return p;
  }
}
