package io.semhash.random;

import java.util.SplittableRandom;

/**
 * Standard normal draws from a seeded {@link SplittableRandom}, by the Box-Muller transform: the
 * one generator behind the LSH baseline's hyperplanes and the estimator study's synthetic
 * problems, so a seed gives the same numbers everywhere. (The JDK's {@code nextGaussian} would
 * do, but gives other numbers than the published figures were measured with.)
 */
public final class Gaussian {
  private Gaussian() {}

  /** One N(0, 1) draw; consumes two uniforms of {@code random}. */
  public static double draw(SplittableRandom random) {
    double u = 1.0 - random.nextDouble(); // in (0, 1], so the log is finite
    return Math.sqrt(-2.0 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
  }
}
