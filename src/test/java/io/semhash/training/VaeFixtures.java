package io.semhash.training;

import static org.assertj.core.api.Assertions.assertThat;

import io.semhash.model.TrainingOptions;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * What the layer and optimiser tests of this package share: random sparse batches, a small VAE
 * configuration, parameter comparisons, and fit steps of the network against DL4J's own.
 * Here rather than in io.semhash.testing because it reaches package-private training classes.
 */
final class VaeFixtures {
  private VaeFixtures() {}

  /** [rows, cols] with ~density non-zeros of either sign, some rows empty, in the given order. */
  static INDArray sparseInput(int rows, int cols, double density, long seed, char order) {
    SplittableRandom r = new SplittableRandom(seed);
    INDArray x = Nd4j.create(DataType.FLOAT, new long[] {rows, cols}, order);
    for (int i = 0; i < rows; i++) {
      if (i % 7 == 3) {
        continue; // an empty document
      }
      for (int j = 0; j < cols; j++) {
        if (r.nextDouble() < density) {
          x.putScalar(i, j, (float) (r.nextDouble() * 2 - 0.5));
        }
      }
    }
    return x;
  }

  static void assertClose(INDArray actual, INDArray expected, double tol) {
    assertThat(actual.shape()).isEqualTo(expected.shape());
    double scale = Math.max(1e-3, expected.amaxNumber().doubleValue());
    double diff = actual.castTo(DataType.DOUBLE).sub(expected.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
    assertThat(diff).as("max |actual − expected| relative to max |expected| = %s", scale).isLessThanOrEqualTo(tol * scale);
  }

  /** Every layer's parameters, each in its logical (row-major) order, one after another. */
  static INDArray logicalParams(MultiLayerNetwork net) {
    return logical(net.paramTable());
  }

  /** The arrays of a parameter-keyed map ("0_W", "0_b", …) in the map's order, each flattened row-major. */
  static INDArray logical(java.util.Map<String, INDArray> byKey) {
    return Nd4j.concat(0, byKey.values().stream().map(a -> a.dup('c').reshape(-1)).toArray(INDArray[]::new));
  }

  static TrainingOptions vaeOptions(String estimator) {
    return new TrainingOptions(16, 40, estimator, 0.5, 10, 1.0, 0.0, 10, 1e-3, 32, 1, 1, 0.1, 3);
  }

  static DataSet vaeBatch(int rows, int vocab, long seed) {
    INDArray x = sparseInput(rows, vocab, 0.03, seed, 'c');
    INDArray tfidf = Nd4j.math().abs(x);
    INDArray counts = tfidf.gt(0).castTo(DataType.FLOAT).muli(2);
    return new DataSet(tfidf, counts);
  }

  /** {@code steps} fit steps of the reference network (DL4J's dense layer and Adam) and of a variant. */
  static void checkVaeSteps(String estimator, int steps, boolean fastAdam) {
    int vocab = 700;
    TrainingOptions o = vaeOptions(estimator);
    MultiLayerNetwork dense = VaeNetwork.create(o, vocab, false, false, ParallelSlices.SINGLE);
    MultiLayerNetwork sparse = VaeNetwork.create(o, vocab, true, fastAdam, ParallelSlices.SINGLE);
    assertThat(sparse.getLayer(VaeNetwork.ENCODER_1)).isInstanceOf(SparseDenseLayerImpl.class);
    assertThat(dense.getLayer(VaeNetwork.ENCODER_1)).isNotInstanceOf(SparseDenseLayerImpl.class);
    INDArray before = logicalParams(dense);
    assertClose(logicalParams(sparse), before, 0);

    for (int s = 0; s < steps; s++) {
      DataSet ds = vaeBatch(32, vocab, 100 + s);
      dense.fit(ds);
      sparse.fit(ds);
      assertThat(sparse.score()).isCloseTo(dense.score(), org.assertj.core.data.Percentage.withPercentage(1e-3));
    }
    INDArray moveDense = logicalParams(dense).sub(before);
    INDArray moveSparse = logicalParams(sparse).sub(before);
    // the step did something everywhere it should (W1 of terms seen, every other layer)
    assertThat(moveDense.amaxNumber().doubleValue()).isGreaterThan(0.5e-3);
    assertClose(moveSparse, moveDense, 1e-3);
    // the layer-0 weights themselves moved alike, row by row
    assertClose(sparse.getLayer(0).getParam("W"), dense.getLayer(0).getParam("W"), 1e-5);
  }
}
