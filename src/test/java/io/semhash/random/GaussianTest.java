package io.semhash.random;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GaussianTest {
  /** The first four moments of N(0, 1) (0, 1, 0, 3), each within 5 standard errors over 200,000 draws. */
  @Test
  void momentsAreThoseOfTheStandardNormal() {
    int n = 200_000;
    SplittableRandom random = new SplittableRandom(7);
    double[] sum = new double[5];
    for (int i = 0; i < n; i++) {
      double x = Gaussian.draw(random);
      double p = 1;
      for (int m = 1; m <= 4; m++) {
        p *= x;
        sum[m] += p;
      }
    }
    // standard errors: sqrt(Var(x^m) / n), Var(x^m) = E[x^2m] - E[x^m]^2 = 1, 2, 15, 96
    double[] expected = {0, 0, 1, 0, 3};
    double[] variance = {0, 1, 2, 15, 96};
    for (int m = 1; m <= 4; m++) {
      assertThat(Math.abs(sum[m] / n - expected[m])).as("moment " + m).isLessThan(5 * Math.sqrt(variance[m] / n));
    }
  }

  /** Box-Muller by hand for one pair of uniforms: the draw consumes exactly two and uses them in order. */
  @Test
  void oneDrawIsBoxMullerOfTheNextTwoUniforms() {
    SplittableRandom a = new SplittableRandom(42);
    SplittableRandom b = new SplittableRandom(42);
    for (int i = 0; i < 100; i++) {
      double u = 1.0 - b.nextDouble();
      double v = b.nextDouble();
      assertThat(Gaussian.draw(a)).isEqualTo(Math.sqrt(-2.0 * Math.log(u)) * Math.cos(2 * Math.PI * v));
    }
  }
}
