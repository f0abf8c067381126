package io.semhash.estimator;

import io.semhash.random.Gaussian;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

/** Seeded inputs for the estimator tests. */
final class Fixtures {

  private Fixtures() {}

  /** Logits ~ N(0, 1.5²) kept away from 0 (|η| ≥ 0.3), where the ST bias would vanish. */
  static double[] logits(int n, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      double v = 1.5 * Gaussian.draw(random);
      out[i] = Math.abs(v) < 0.3 ? Math.copySign(0.3 + Math.abs(v), v) : v;
    }
    return out;
  }

  static double[][] logits(int m, int classes, long seed) {
    double[][] out = new double[m][];
    for (int v = 0; v < m; v++) {
      out[v] = logits(classes, seed * 31 + v);
    }
    return out;
  }

  static Random rng(long seed) {
    return Nd4j.getRandomFactory().getNewRandomInstance(seed);
  }

  static double maxAbsDifference(double[] a, double[] b) {
    double max = 0;
    for (int i = 0; i < a.length; i++) {
      max = Math.max(max, Math.abs(a[i] - b[i]));
    }
    return max;
  }

  static double maxAbs(double[] a) {
    double max = 0;
    for (double v : a) {
      max = Math.max(max, Math.abs(v));
    }
    return max;
  }
}
