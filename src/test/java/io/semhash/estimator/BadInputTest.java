package io.semhash.estimator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Invalid input fails fast with an IllegalArgumentException naming the estimator and the value. */
class BadInputTest {

  private static final EstimatorParams PARAMS = new EstimatorParams(0.5, 3);

  static Stream<Arguments> binaryNamesAndBadValues() {
    return BinaryEstimators.NAMES.stream()
        .flatMap(
            name ->
                Stream.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY)
                    .map(v -> Arguments.of(name, v)));
  }

  @ParameterizedTest
  @MethodSource("binaryNamesAndBadValues")
  void binaryEstimatorsRejectNonFiniteLogits(String name, double bad) {
    BinaryEstimator estimator = BinaryEstimators.byName(name, PARAMS);
    for (DataType type : List.of(DataType.FLOAT, DataType.DOUBLE)) {
      INDArray logits = Nd4j.zeros(type, 3, 4);
      logits.putScalar(1, 2, bad);
      assertThatThrownBy(() -> estimator.sample(logits, Fixtures.rng(1)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith(name)
          .hasMessageContaining(String.valueOf(bad));
      assertThatThrownBy(() -> estimator.sampleGiven(logits, Nd4j.zeros(type, 3, 4), Fixtures.rng(1)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining(String.valueOf(bad));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"zgr", "st", "stgs", "grmc"})
  void categoricalEstimatorsRejectNonFiniteLogits(String name) {
    CategoricalEstimator estimator = CategoricalEstimators.byName(name, PARAMS);
    for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
      INDArray logits = Nd4j.zeros(DataType.DOUBLE, 2, 3, 4);
      logits.putScalar(new long[] {1, 2, 3}, bad);
      assertThatThrownBy(() -> estimator.sample(logits, Fixtures.rng(1)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith(name)
          .hasMessageContaining(String.valueOf(bad));
    }
  }

  @Test
  void reinforceRejectsNonFiniteLogitsAndTooFewSamples() {
    INDArray logits = Nd4j.zeros(DataType.DOUBLE, 2, 3);
    logits.putScalar(0, 0, Double.NaN);
    assertThatThrownBy(() -> ReinforceLooEstimator.create(4).sample(logits, Fixtures.rng(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("reinforce")
        .hasMessageContaining("NaN");
    for (int k : new int[] {1, 0, -3}) {
      assertThatThrownBy(() -> ReinforceLooEstimator.create(k))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("reinforce")
          .hasMessageContaining("got " + k);
    }
  }

  @ParameterizedTest
  @ValueSource(doubles = {0.0, -0.5, Double.NaN, Double.POSITIVE_INFINITY})
  void temperatureMustBePositive(double tau) {
    EstimatorParams params = new EstimatorParams(tau, 3);
    for (String name : List.of("gs", "stgs", "grmc")) {
      assertThatThrownBy(() -> BinaryEstimators.byName(name, params))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith(name)
          .hasMessageContaining("tau")
          .hasMessageContaining(String.valueOf(tau));
    }
    for (String name : List.of("stgs", "grmc")) {
      assertThatThrownBy(() -> CategoricalEstimators.byName(name, params))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith(name)
          .hasMessageContaining(String.valueOf(tau));
    }
    // ZGR has no temperature: the same parameters are accepted
    assertThat(BinaryEstimators.byName("zgr", params).name()).isEqualTo("zgr");
  }

  @ParameterizedTest
  @ValueSource(ints = {0, -1})
  void sampleCountMustBeAtLeastOne(int k) {
    EstimatorParams params = new EstimatorParams(0.5, k);
    assertThatThrownBy(() -> BinaryEstimators.byName("grmc", params))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("grmc")
        .hasMessageContaining("got " + k);
    assertThatThrownBy(() -> CategoricalEstimators.byName("grmc", params))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("grmc")
        .hasMessageContaining("got " + k);
  }

  @Test
  void unknownNamesListTheAllowedOnes() {
    assertThatThrownBy(() -> BinaryEstimators.byName("rebar", PARAMS))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("rebar")
        .hasMessageContaining("zgr, st, darn, gs, stgs, grmc");
    assertThatThrownBy(() -> CategoricalEstimators.byName("darn", PARAMS))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("zgr, st, stgs, grmc");
  }

  @Test
  void sampleGivenRejectsAShapeMismatch() {
    assertThatThrownBy(
            () ->
                ZgrEstimator.create()
                    .sampleGiven(Nd4j.zeros(2, 3), Nd4j.zeros(3, 2), Fixtures.rng(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("zgr");
  }
}
