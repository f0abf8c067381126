package io.semhash.estimator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Checks that need Monte Carlo: estimators with extra noise (Gumbel-Rao, ST-GS) and REINFORCE.
 * Every comparison is within 5 standard errors, measured in the same run.
 */
class MonteCarloTest {

  /** |a − b| ≤ 5·se + slack per coordinate; returns the largest violation ratio for messages. */
  private static double worstRatio(double[] a, double[] b, double[] se, double slack) {
    double worst = 0;
    for (int i = 0; i < a.length; i++) {
      worst = Math.max(worst, Math.abs(a[i] - b[i]) / (5 * se[i] + slack));
    }
    return worst;
  }

  @Test
  void binaryGumbelRaoAtSmallTemperatureApproachesZgr() {
    double[] eta = Fixtures.logits(4, 21);
    QuadraticObjective f = QuadraticObjective.random(4, 21);
    Enumeration enumeration = Enumeration.binary(eta);
    double[] zgr = enumeration.moments(ZgrEstimator.create(), f, Fixtures.rng(1), 1).mean();

    EstimateMoments cold =
        enumeration.moments(GumbelRaoEstimator.create(0.02, 100), f, Fixtures.rng(2), 200);
    EstimateMoments warm =
        enumeration.moments(GumbelRaoEstimator.create(1.0, 100), f, Fixtures.rng(3), 200);

    double slack = 0.02 * Fixtures.maxAbs(zgr); // the O(τ) bias of GR-MC at τ = 0.02
    assertThat(worstRatio(cold.mean(), zgr, cold.standardError(), slack)).isLessThan(1.0);
    // the check can fail: at τ = 1 GR-MC is a different (biased) estimator
    assertThat(worstRatio(warm.mean(), zgr, warm.standardError(), slack)).isGreaterThan(1.0);
  }

  @Test
  void categoricalGumbelRaoAtSmallTemperatureApproachesZgr() {
    double[][] eta = Fixtures.logits(2, 3, 22);
    QuadraticObjective f = QuadraticObjective.random(6, 22);
    Enumeration enumeration = Enumeration.categorical(eta);
    double[] zgr =
        enumeration.moments(CategoricalZgrEstimator.create(), f, Fixtures.rng(1), 1).mean();

    EstimateMoments cold =
        enumeration.moments(
            CategoricalGumbelRaoEstimator.create(0.02, 50), f, Fixtures.rng(2), 100);
    EstimateMoments warm =
        enumeration.moments(
            CategoricalGumbelRaoEstimator.create(1.0, 50), f, Fixtures.rng(3), 100);

    double slack = 0.02 * Fixtures.maxAbs(zgr);
    assertThat(worstRatio(cold.mean(), zgr, cold.standardError(), slack)).isLessThan(1.0);
    assertThat(worstRatio(warm.mean(), zgr, warm.standardError(), slack)).isGreaterThan(1.0);
  }

  @Test
  void reinforceWithLeaveOneOutIsUnbiased() {
    int n = 5;
    int batch = 20_000;
    double[] eta = Fixtures.logits(n, 23);
    CubicObjective f = CubicObjective.random(n, 0.5, 23); // unbiased for any f, not just quadratics
    double[] exact = Enumeration.binary(eta).exactGradient(f);
    INDArray logits = Nd4j.zeros(DataType.DOUBLE, batch, n).addiRowVector(Nd4j.createFromArray(eta));
    ReinforceLooEstimator reinforce = ReinforceLooEstimator.create(4);

    ReinforceSample sample = reinforce.sample(logits, Fixtures.rng(4));
    INDArray estimates = reinforce.gradient(sample, f.values(sample.x())); // [batch, n]

    double[] mean = estimates.mean(0).data().asDouble();
    double[] se = estimates.std(0).divi(Math.sqrt(batch)).data().asDouble();
    assertThat(worstRatio(mean, exact, se, 0.0)).isLessThan(1.0);
    // and the 5σ band is tight enough to see ZGR's bias on this cubic
    double[] zgr = Enumeration.binary(eta).moments(ZgrEstimator.create(), f, Fixtures.rng(1), 1).mean();
    assertThat(worstRatio(zgr, exact, se, 0.0)).isGreaterThan(1.0);
  }

  @Test
  void stGumbelSoftmaxUnconditionalSamplingMatchesTheConditionedNoise() {
    // sample() draws the noise first and thresholds it; sampleGiven() draws x then the noise given
    // x. Both must give the same expectation, which checks the conditional logistic sampler.
    int n = 4;
    int batch = 50_000;
    double[] eta = Fixtures.logits(n, 24);
    QuadraticObjective f = QuadraticObjective.random(n, 24);
    StGumbelSoftmaxEstimator stgs = StGumbelSoftmaxEstimator.create(0.5);
    EstimateMoments enumerated = Enumeration.binary(eta).moments(stgs, f, Fixtures.rng(5), 400);

    INDArray logits = Nd4j.zeros(DataType.DOUBLE, batch, n).addiRowVector(Nd4j.createFromArray(eta));
    BinarySample sample = stgs.sample(logits, Fixtures.rng(6));
    INDArray estimates = stgs.backward(sample, f.gradients(sample.x()));

    double[] mean = estimates.mean(0).data().asDouble();
    double[] se = combined(estimates.std(0).divi(Math.sqrt(batch)).data().asDouble(),
        enumerated.standardError());
    assertThat(worstRatio(mean, enumerated.mean(), se, 0.0)).isLessThan(1.0);
  }

  @Test
  void categoricalStGumbelSoftmaxUnconditionalSamplingMatchesTheConditionedNoise() {
    int batch = 50_000;
    double[][] eta = Fixtures.logits(1, 4, 25);
    QuadraticObjective f = QuadraticObjective.random(4, 25);
    CategoricalStGumbelSoftmaxEstimator stgs = CategoricalStGumbelSoftmaxEstimator.create(0.5);
    EstimateMoments enumerated =
        Enumeration.categorical(eta).moments(stgs, f, Fixtures.rng(7), 2000);

    INDArray logits =
        Nd4j.zeros(DataType.DOUBLE, batch, 4).addiRowVector(Nd4j.createFromArray(eta[0]));
    CategoricalSample sample = stgs.sample(logits, Fixtures.rng(8));
    INDArray estimates = stgs.backward(sample, f.gradients(sample.x()));

    double[] mean = estimates.mean(0).data().asDouble();
    double[] se = combined(estimates.std(0).divi(Math.sqrt(batch)).data().asDouble(),
        enumerated.standardError());
    assertThat(worstRatio(mean, enumerated.mean(), se, 0.0)).isLessThan(1.0);
  }

  @Test
  void binarySamplesHaveProbabilityP() {
    int batch = 100_000;
    double[] eta = {-2.0, -0.5, 0.0, 0.7, 3.0};
    INDArray logits =
        Nd4j.zeros(DataType.FLOAT, batch, eta.length)
            .addiRowVector(Nd4j.createFromArray(eta).castTo(DataType.FLOAT));
    for (BinaryEstimator estimator :
        new BinaryEstimator[] {
          ZgrEstimator.create(), StGumbelSoftmaxEstimator.create(0.5),
          GumbelRaoEstimator.create(0.5, 2)
        }) {
      INDArray x = estimator.sample(logits, Fixtures.rng(9)).x();
      double[] frequency = x.castTo(DataType.DOUBLE).mean(0).data().asDouble();
      double[] p = QuadraticObjective.sigmoid(eta);
      for (int i = 0; i < eta.length; i++) {
        double se = Math.sqrt(p[i] * (1 - p[i]) / batch);
        assertThat(Math.abs(frequency[i] - p[i]))
            .as("%s bit %d", estimator.name(), i)
            .isLessThanOrEqualTo(5 * se);
      }
    }
  }

  @Test
  void categoricalSamplesAreOneHotWithProbabilitySoftmax() {
    int batch = 100_000;
    double[] eta = {-1.0, 0.5, 2.0, 0.0};
    INDArray logits = Nd4j.zeros(DataType.DOUBLE, batch, 4).addiRowVector(Nd4j.createFromArray(eta));
    CategoricalSample sample = CategoricalZgrEstimator.create().sample(logits, Fixtures.rng(10));
    assertThat(sample.x().sum(1).minNumber().doubleValue()).isEqualTo(1.0);
    assertThat(sample.x().sum(1).maxNumber().doubleValue()).isEqualTo(1.0);
    double[] frequency = sample.x().mean(0).data().asDouble();
    double[] p = sample.p().getRow(0).data().dup().asDouble();
    for (int j = 0; j < 4; j++) {
      double se = Math.sqrt(p[j] * (1 - p[j]) / batch);
      assertThat(Math.abs(frequency[j] - p[j])).isLessThanOrEqualTo(5 * se);
    }
  }

  private static double[] combined(double[] a, double[] b) {
    double[] out = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = Math.sqrt(a[i] * a[i] + b[i] * b[i]);
    }
    return out;
  }
}
