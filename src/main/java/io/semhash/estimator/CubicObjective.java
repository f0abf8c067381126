package io.semhash.estimator;

import io.semhash.random.Gaussian;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * f(x) = q(x) + c·(uᵀx)³ with q a quadratic: a degree-3 polynomial in x on which ZGR is biased
 * (the negative control that proves an unbiasedness test can fail).
 *
 * @param quadratic the quadratic part
 * @param u the direction of the cubic term, length n
 * @param c its weight
 */
public record CubicObjective(QuadraticObjective quadratic, double[] u, double c)
    implements Objective {

  /** A random quadratic plus a cubic term with u ~ N(0, 1) and weight c. */
  public static CubicObjective random(int n, double c, long seed) {
    java.util.SplittableRandom random = new java.util.SplittableRandom(seed ^ 0x5DEECE66DL);
    double[] u = new double[n];
    for (int i = 0; i < n; i++) {
      u[i] = Gaussian.draw(random);
    }
    return new CubicObjective(QuadraticObjective.random(n, seed), u, c);
  }

  @Override
  public INDArray values(INDArray x) {
    INDArray projection = projection(x);
    return quadratic.values(x).addi(Transforms.pow(projection, 3, false).muli(c));
  }

  @Override
  public INDArray gradients(INDArray x) {
    INDArray projection = projection(x);
    INDArray scale = Transforms.pow(projection, 2, false).muli(3 * c).reshape(x.size(0), 1);
    INDArray direction = Nd4j.createFromArray(u).castTo(x.dataType()).reshape(1, u.length);
    return quadratic.gradients(x).addi(scale.mmul(direction));
  }

  private INDArray projection(INDArray x) {
    return x.mmul(Nd4j.createFromArray(u).castTo(x.dataType()).reshape(u.length, 1))
        .reshape(x.size(0));
  }
}
