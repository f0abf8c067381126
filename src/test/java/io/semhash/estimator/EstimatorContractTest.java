package io.semhash.estimator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/** What the model relies on: shapes, data types, determinism, the closed-form surrogates. */
class EstimatorContractTest {

  @ParameterizedTest
  @ValueSource(strings = {"zgr", "st", "darn", "gs", "stgs", "grmc"})
  void binaryEstimatorsKeepShapeAndFloatTypeAndAreReproducible(String name) {
    BinaryEstimator estimator = BinaryEstimators.byName(name, new EstimatorParams(0.5, 4));
    INDArray logits = Nd4j.randn(DataType.FLOAT, 64, 128).muli(2);
    INDArray g = Nd4j.randn(DataType.FLOAT, 64, 128);

    BinarySample a = estimator.sample(logits, Fixtures.rng(42));
    BinarySample b = estimator.sample(logits, Fixtures.rng(42));
    INDArray gradA = estimator.backward(a, g);

    for (INDArray out : new INDArray[] {a.p(), a.x(), a.surrogate(), gradA}) {
      assertThat(out.dataType()).isEqualTo(DataType.FLOAT);
      assertThat(out.shape()).containsExactly(64, 128);
      assertThat(Double.isFinite(out.sumNumber().doubleValue())).isTrue();
    }
    assertThat(a.x()).isEqualTo(b.x());
    assertThat(estimator.backward(b, g)).isEqualTo(gradA);
    if (!name.equals("gs")) {
      assertThat(a.x().mul(a.x().rsub(1.0)).amaxNumber().doubleValue()).as("hard bits").isEqualTo(0.0);
    }
  }

  @Test
  void zgrSurrogateIsHalfTheDistanceToP() {
    INDArray logits = Nd4j.createFromArray(new double[][] {{-1.0, 0.0, 2.5}});
    INDArray x = Nd4j.createFromArray(new double[][] {{1.0, 0.0, 0.0}});
    INDArray g = Nd4j.createFromArray(new double[][] {{2.0, -3.0, 5.0}});
    BinarySample sample = ZgrEstimator.create().sampleGiven(logits, x, Fixtures.rng(1));
    double[] grad = ZgrEstimator.create().backward(sample, g).data().asDouble();
    double[] p = QuadraticObjective.sigmoid(new double[] {-1.0, 0.0, 2.5});
    assertThat(grad[0]).isCloseTo(2.0 * (1 - p[0]) / 2, within(1e-12));
    assertThat(grad[1]).isCloseTo(-3.0 * p[1] / 2, within(1e-12));
    assertThat(grad[2]).isCloseTo(5.0 * p[2] / 2, within(1e-12));
  }

  @Test
  void categoricalZgrSumsToZeroOverClassesAndKeepsShape() {
    INDArray logits = Nd4j.randn(DataType.DOUBLE, 8, 3, 5);
    INDArray g = Nd4j.randn(DataType.DOUBLE, 8, 3, 5);
    CategoricalEstimator zgr = CategoricalZgrEstimator.create();

    CategoricalSample sample = zgr.sample(logits, Fixtures.rng(3));
    INDArray grad = zgr.backward(sample, g);

    assertThat(grad.shape()).containsExactly(8, 3, 5);
    assertThat(sample.x().shape()).containsExactly(8, 3, 5);
    assertThat(Transforms.abs(grad.sum(2), false).maxNumber().doubleValue()).isLessThan(1e-12);
    assertThat(Transforms.abs(grad, true).maxNumber().doubleValue()).isGreaterThan(1e-3);
  }

  @Test
  void categoricalZgrWithTwoClassesMatchesBinaryZgrSampleBySample() {
    // every sample, not just in expectation: ĝ₁ = binary ZGR(η₁ − η₀, x₁, g₁ − g₀), ĝ₀ = −ĝ₁
    INDArray logits = Nd4j.randn(DataType.DOUBLE, 32, 2).muli(2);
    INDArray g = Nd4j.randn(DataType.DOUBLE, 32, 2);
    CategoricalSample cat = CategoricalZgrEstimator.create().sample(logits, Fixtures.rng(4));
    INDArray catGrad = CategoricalZgrEstimator.create().backward(cat, g);

    INDArray difference = logits.getColumn(1).sub(logits.getColumn(0)).reshape(32, 1);
    INDArray bits = cat.x().getColumn(1).reshape(32, 1);
    BinarySample bin = ZgrEstimator.create().sampleGiven(difference, bits, Fixtures.rng(4));
    INDArray binGrad =
        ZgrEstimator.create().backward(bin, g.getColumn(1).sub(g.getColumn(0)).reshape(32, 1));

    assertThat(catGrad.getColumn(1).reshape(32, 1).sub(binGrad).amaxNumber().doubleValue())
        .isLessThan(1e-12);
    assertThat(catGrad.getColumn(0).reshape(32, 1).add(binGrad).amaxNumber().doubleValue())
        .isLessThan(1e-12);
  }

  @Test
  void reinforceEvaluatesOneRowPerSample() {
    INDArray logits = Nd4j.randn(DataType.FLOAT, 6, 10);
    ReinforceLooEstimator reinforce = ReinforceLooEstimator.create(3);
    ReinforceSample sample = reinforce.sample(logits, Fixtures.rng(5));
    assertThat(sample.x().shape()).containsExactly(18, 10);
    assertThat(sample.draw(2).shape()).containsExactly(6, 10);
    INDArray grad = reinforce.gradient(sample, sample.x().sum(1));
    assertThat(grad.shape()).containsExactly(6, 10);
    assertThat(grad.dataType()).isEqualTo(DataType.FLOAT);
    // a constant f carries no signal: the leave-one-out baseline removes it exactly
    INDArray constant = reinforce.gradient(sample, Nd4j.ones(DataType.FLOAT, 18).muli(7));
    assertThat(constant.amaxNumber().doubleValue()).isLessThan(1e-6);
  }
}
