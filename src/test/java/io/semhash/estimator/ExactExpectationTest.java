package io.semhash.estimator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Deterministic checks by enumeration: the expectation of the estimators that draw no extra noise
 * is a finite sum, so bias is compared with closed forms to 1e-9.
 */
class ExactExpectationTest {

  private static final double TOL = 1e-9;

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5})
  void referenceGradientMatchesClosedFormForQuadratics(long seed) {
    double[] eta = Fixtures.logits(9, seed);
    QuadraticObjective f = QuadraticObjective.random(9, seed);

    double[] enumerated = Enumeration.binary(eta).exactGradient(f);

    double[] closed = f.exactBinaryGradient(eta);
    assertThat(Fixtures.maxAbsDifference(enumerated, closed)).isLessThan(TOL);
    assertThat(Fixtures.maxAbs(closed)).isGreaterThan(1e-2);
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5})
  void zgrIsUnbiasedOnRandomBinaryQuadratics(long seed) {
    double[] eta = Fixtures.logits(10, seed);
    QuadraticObjective f = QuadraticObjective.random(10, 100 + seed);
    Enumeration enumeration = Enumeration.binary(eta);

    EstimateMoments zgr = enumeration.moments(ZgrEstimator.create(), f, Fixtures.rng(seed), 1);

    assertThat(Fixtures.maxAbsDifference(zgr.mean(), zgr.exact())).isLessThan(TOL);
    assertThat(zgr.variance()).isPositive();
    // the problem is one where a biased estimator shows its bias
    EstimateMoments st =
        enumeration.moments(StraightThroughEstimator.create(), f, Fixtures.rng(seed), 1);
    assertThat(Math.sqrt(st.squaredBias())).isGreaterThan(1e-3);
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void zgrIsUnbiasedOnRandomCategoricalQuadratics(long seed) {
    double[][] eta = Fixtures.logits(3, 4, seed); // 4^3 = 64 configurations
    QuadraticObjective f = QuadraticObjective.random(12, 200 + seed);
    Enumeration enumeration = Enumeration.categorical(eta);

    EstimateMoments zgr =
        enumeration.moments(CategoricalZgrEstimator.create(), f, Fixtures.rng(seed), 1);

    assertThat(Fixtures.maxAbsDifference(zgr.mean(), zgr.exact())).isLessThan(TOL);
    EstimateMoments st =
        enumeration.moments(CategoricalStEstimator.create(), f, Fixtures.rng(seed), 1);
    assertThat(Math.sqrt(st.squaredBias())).isGreaterThan(1e-3);
  }

  @Test
  void categoricalReferenceGradientMatchesFiniteDifferences() {
    double[][] eta = Fixtures.logits(2, 5, 7);
    QuadraticObjective f = QuadraticObjective.random(10, 7);
    double[] exact = Enumeration.categorical(eta).exactGradient(f);
    double h = 1e-5;
    for (int v = 0; v < 2; v++) {
      for (int j = 0; j < 5; j++) {
        double[][] plus = copy(eta);
        double[][] minus = copy(eta);
        plus[v][j] += h;
        minus[v][j] -= h;
        double fd =
            (Enumeration.categorical(plus).expectedValue(f)
                    - Enumeration.categorical(minus).expectedValue(f))
                / (2 * h);
        assertThat(exact[v * 5 + j]).isCloseTo(fd, within(1e-7));
      }
    }
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void straightThroughBiasMatchesClosedFormAndDarnIsItsNegative(long seed) {
    double[] eta = Fixtures.logits(8, seed);
    QuadraticObjective f = QuadraticObjective.random(8, 300 + seed);
    Enumeration enumeration = Enumeration.binary(eta);
    double[] expected = f.straightThroughBias(eta);

    EstimateMoments st =
        enumeration.moments(StraightThroughEstimator.create(), f, Fixtures.rng(seed), 1);
    EstimateMoments darn = enumeration.moments(DarnEstimator.create(), f, Fixtures.rng(seed), 1);

    for (int i = 0; i < eta.length; i++) {
      assertThat(st.mean()[i] - st.exact()[i]).isCloseTo(expected[i], within(TOL));
      assertThat(darn.mean()[i] - darn.exact()[i]).isCloseTo(-expected[i], within(TOL));
    }
    assertThat(Fixtures.maxAbs(expected)).isGreaterThan(1e-2);
  }

  @Test
  void zgrIsBiasedOnACubicNegativeControl() {
    double[] eta = Fixtures.logits(8, 11);
    CubicObjective f = CubicObjective.random(8, 1.0, 11);

    EstimateMoments zgr =
        Enumeration.binary(eta).moments(ZgrEstimator.create(), f, Fixtures.rng(11), 1);

    // far beyond the 1e-9 the unbiasedness tests use: those tests would catch a bias like this
    assertThat(Fixtures.maxAbsDifference(zgr.mean(), zgr.exact())).isGreaterThan(1e-2);
  }

  @Test
  void categoricalZgrWithTwoClassesIsBinaryZgrOnTheLogitDifference() {
    double[][] eta = Fixtures.logits(6, 2, 5);
    double[] difference = new double[6];
    for (int v = 0; v < 6; v++) {
      difference[v] = eta[v][1] - eta[v][0];
    }
    Enumeration categorical = Enumeration.categorical(eta);
    QuadraticObjective f = QuadraticObjective.random(12, 5);
    // the same function on bits: x_v = 1 means class 1, the one-hot is (1 − x_v, x_v)
    Objective onBits = new TwoClassView(f);

    double[] cat =
        categorical.moments(CategoricalZgrEstimator.create(), f, Fixtures.rng(1), 1).mean();
    double[] bin =
        Enumeration.binary(difference).moments(ZgrEstimator.create(), onBits, Fixtures.rng(1), 1)
            .mean();

    for (int v = 0; v < 6; v++) {
      assertThat(cat[2 * v + 1]).isCloseTo(bin[v], within(TOL));
      assertThat(cat[2 * v]).isCloseTo(-bin[v], within(TOL));
    }
    assertThat(Fixtures.maxAbs(bin)).isGreaterThan(1e-3);
  }

  private static double[][] copy(double[][] a) {
    double[][] out = new double[a.length][];
    for (int i = 0; i < a.length; i++) {
      out[i] = a[i].clone();
    }
    return out;
  }
}
