package io.semhash.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.semhash.estimator.CategoricalSample;
import io.semhash.codes.CodeSpec;
import io.semhash.model.SparseEncoder;
import io.semhash.model.TrainingOptions;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The categorical latent layer against hand-written closed forms (Java loops in double, not the
 * estimator package's arrays): the estimator's backward, the KL and neighbour gradients, and the
 * binary layer as its two-class case.
 */
class CategoricalLatentLayerTest {
  static final int V = 300;
  static final int ROWS = 16;
  static final int M = 6;
  static final int C = 4;

  static TrainingOptions options(String estimator, double beta, double neighbourWeight, String neighbourLoss, CodeSpec code) {
    return new TrainingOptions(code.bits(), 40, estimator, 0.5, 10, beta, neighbourWeight, 5, "tfidf", 0, "tfidf", 0, 0,
        neighbourLoss, 1e-3, ROWS, 1, 1, 0.1, 11, code);
  }

  /** The network's latent layer after one forward pass on a random batch (its sample drawn). */
  static CategoricalLatentLayerImpl forward(MultiLayerNetwork net) {
    DataSet ds = VaeFixtures.vaeBatch(ROWS, V, 9);
    net.setInput(ds.getFeatures());
    net.setLabels(ds.getLabels());
    net.computeGradientAndScore();
    return VaeNetwork.latent(net);
  }

  static INDArray random(long seed, int rows, int cols) {
    SplittableRandom r = new SplittableRandom(seed);
    INDArray a = Nd4j.create(DataType.FLOAT, rows, cols);
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        a.putScalar(i, j, r.nextDouble() * 4 - 2);
      }
    }
    return a;
  }

  /** softmax of group g of row i, in double. */
  static double[] softmax(INDArray logits, int i, int g, int classes) {
    double[] p = new double[classes];
    double max = Double.NEGATIVE_INFINITY;
    for (int c = 0; c < classes; c++) {
      max = Math.max(max, logits.getDouble(i, g * classes + c));
    }
    double sum = 0;
    for (int c = 0; c < classes; c++) {
      p[c] = Math.exp(logits.getDouble(i, g * classes + c) - max);
      sum += p[c];
    }
    for (int c = 0; c < classes; c++) {
      p[c] /= sum;
    }
    return p;
  }

  @Test
  void backwardIsTheCategoricalEstimatorsMapPlusTheKlGradient() {
    double beta = 0.7;
    for (String name : new String[] {"zgr", "st", "stgs", "grmc"}) {
      MultiLayerNetwork net = VaeNetwork.create(options(name, beta, 0, "squared", CodeSpec.categorical(M, C)), V,
          ParallelSlices.SINGLE);
      CategoricalLatentLayerImpl latent = forward(net);
      assertThat(latent.estimator().name()).startsWith(name);
      CategoricalSample s = latent.lastSample();
      assertThat(s.x().shape()).containsExactly(ROWS, M, C);
      INDArray g = random(3, ROWS, M * C);
      INDArray got = latent.backpropGradient(g, LayerWorkspaceMgr.noWorkspaces()).getSecond().dup();
      INDArray estimator = latent.estimator().backward(s, g.reshape('c', ROWS, M, C)).reshape('c', ROWS, M * C);
      INDArray logits = s.logits().reshape('c', ROWS, M * C);
      double kl = 0;
      for (int i = 0; i < ROWS; i++) {
        for (int grp = 0; grp < M; grp++) {
          double[] p = softmax(logits, i, grp, C);
          double pLogP = 0;
          int x = -1;
          double gx = 0;
          double pg = 0;
          for (int c = 0; c < C; c++) {
            pLogP += p[c] * Math.log(p[c]);
            pg += p[c] * g.getDouble(i, grp * C + c);
            if (s.x().getDouble(i, grp, c) == 1.0) {
              assertThat(x).as("one class per group").isEqualTo(-1);
              x = c;
              gx = g.getDouble(i, grp * C + c);
            }
          }
          assertThat(x).as("a class drawn in row %d group %d", i, grp).isGreaterThanOrEqualTo(0);
          kl += pLogP + Math.log(C);
          for (int c = 0; c < C; c++) {
            int col = grp * C + c;
            // β d/dη_c Σ p log(C p) = β p_c (log p_c − Σ p log p)
            double klGrad = beta * p[c] * (Math.log(p[c]) - pLogP);
            assertThat(got.getDouble(i, col) - klGrad).as("%s row %d col %d", name, i, col)
                .isCloseTo(estimator.getDouble(i, col), within(1e-5));
            if (name.equals("zgr")) {
              // categorical ZGR by hand: ½ [p_j (g_j − g_x) + 1[j = x](g_x − ⟨p, g⟩)]
              double zgr = 0.5 * (p[c] * (g.getDouble(i, col) - gx) + (c == x ? gx - pg : 0));
              assertThat(got.getDouble(i, col) - klGrad).isCloseTo(zgr, within(1e-5));
            } else if (name.equals("st")) {
              double st = p[c] * (g.getDouble(i, col) - pg);
              assertThat(got.getDouble(i, col) - klGrad).isCloseTo(st, within(1e-5));
            }
          }
        }
      }
      assertThat(latent.lastKl()).isCloseTo(kl, within(1e-3));
    }
  }

  @Test
  void neighbourTermOnTheClassProbabilities() {
    double w = 3.0;
    for (String loss : new String[] {TrainingOptions.SQUARED, TrainingOptions.CROSS_ENTROPY}) {
      MultiLayerNetwork net = VaeNetwork.create(options("zgr", 0, w, loss, CodeSpec.categorical(M, C)), V,
          ParallelSlices.SINGLE);
      CategoricalLatentLayerImpl latent = forward(net);
      INDArray logits = latent.lastSample().logits().reshape('c', ROWS, M * C);
      INDArray g = random(4, ROWS, M * C);
      INDArray plain = latent.backpropGradient(g, LayerWorkspaceMgr.noWorkspaces()).getSecond().dup();
      latent.setPairedBatch(true);
      INDArray paired = latent.backpropGradient(g, LayerWorkspaceMgr.noWorkspaces()).getSecond().dup();
      latent.setPairedBatch(false);
      double term = 0;
      for (int i = 0; i < ROWS; i++) {
        int partner = i < ROWS / 2 ? i + ROWS / 2 : i - ROWS / 2;
        for (int grp = 0; grp < M; grp++) {
          double[] p = softmax(logits, i, grp, C);
          double[] q = softmax(logits, partner, grp, C);
          double pd = 0;
          for (int c = 0; c < C; c++) {
            pd += p[c] * (p[c] - q[c]);
            if (i < ROWS / 2) {
              term += 0.5 * (p[c] - q[c]) * (p[c] - q[c]);
            }
          }
          for (int c = 0; c < C; c++) {
            // squared: d/dη_i of w/2 ‖p_i − p_j‖² = w J(p_i)(p_i − p_j); cross-entropy: w (p_i − p_j)
            double expected = loss.equals(TrainingOptions.SQUARED)
                ? w * p[c] * ((p[c] - q[c]) - pd)
                : w * (p[c] - q[c]);
            int col = grp * C + c;
            assertThat(paired.getDouble(i, col) - plain.getDouble(i, col)).as("%s row %d col %d", loss, i, col)
                .isCloseTo(expected, within(1e-5));
          }
        }
      }
      assertThat(latent.lastNeighbour()).isCloseTo(term, within(1e-4));
    }
  }

  /**
   * Two classes: with logits (0, η) per group, one-hot (1 − x, x) for bits x and ∂L/∂x = (0, g),
   * every term of the categorical layer is the binary layer's on (η, x, g): its gradient to η₁ is
   * the binary gradient, to η₀ the negative; the KL and the neighbour term are the same numbers.
   */
  @Test
  void twoClassesAreTheBinaryLayerReparameterised() {
    int bits = 12;
    INDArray eta = random(5, ROWS, bits);
    INDArray g = random(6, ROWS, bits);
    SplittableRandom r = new SplittableRandom(7);
    INDArray x = Nd4j.create(DataType.FLOAT, ROWS, bits);
    INDArray pairLogits = Nd4j.create(DataType.FLOAT, ROWS, 2 * bits);
    INDArray oneHot = Nd4j.create(DataType.FLOAT, ROWS, 2 * bits);
    INDArray pairG = Nd4j.create(DataType.FLOAT, ROWS, 2 * bits);
    for (int i = 0; i < ROWS; i++) {
      for (int b = 0; b < bits; b++) {
        int bit = r.nextBoolean() ? 1 : 0;
        x.putScalar(i, b, bit);
        pairLogits.putScalar(i, 2 * b + 1, eta.getDouble(i, b));
        oneHot.putScalar(i, 2 * b + bit, 1);
        pairG.putScalar(i, 2 * b + 1, g.getDouble(i, b));
      }
    }
    for (String name : new String[] {"zgr", "st"}) {
      for (String loss : new String[] {TrainingOptions.SQUARED, TrainingOptions.CROSS_ENTROPY}) {
        BinaryLatentLayerImpl binary = VaeNetwork.latent(VaeNetwork.create(
            options(name, 0.7, 3.0, loss, CodeSpec.binary(bits)), V, ParallelSlices.SINGLE));
        CategoricalLatentLayerImpl categorical = VaeNetwork.latent(VaeNetwork.create(
            options(name, 0.7, 3.0, loss, CodeSpec.categorical(bits, 2)), V, ParallelSlices.SINGLE));
        binary.forwardGiven(eta, x);
        categorical.forwardGiven(pairLogits, oneHot);
        binary.setPairedBatch(true);
        categorical.setPairedBatch(true);
        INDArray gb = binary.backpropGradient(g, LayerWorkspaceMgr.noWorkspaces()).getSecond();
        INDArray gc = categorical.backpropGradient(pairG, LayerWorkspaceMgr.noWorkspaces()).getSecond();
        for (int i = 0; i < ROWS; i++) {
          for (int b = 0; b < bits; b++) {
            assertThat(gc.getDouble(i, 2 * b + 1)).as("%s %s row %d bit %d", name, loss, i, b)
                .isCloseTo(gb.getDouble(i, b), within(1e-5));
            assertThat(gc.getDouble(i, 2 * b)).isCloseTo(-gb.getDouble(i, b), within(1e-5));
          }
        }
        assertThat(categorical.lastKl()).isCloseTo(binary.lastKl(), within(1e-3));
        assertThat(categorical.lastNeighbour()).isCloseTo(binary.lastNeighbour(), within(1e-4));
        assertThat(binary.lastNeighbour()).isPositive();
      }
    }
  }

  @Test
  void inferenceForwardIsTheArgMaxOneHotAndTheSparseEncoderGivesTheSameCode() {
    CodeSpec code = CodeSpec.categorical(M, C);
    MultiLayerNetwork net = VaeNetwork.create(options("zgr", 1.0, 0, "squared", code), V, ParallelSlices.SINGLE);
    DataSet ds = VaeFixtures.vaeBatch(ROWS, V, 10);
    net.fit(ds);
    java.util.List<INDArray> acts = net.feedForwardToLayer(VaeNetwork.LATENT, ds.getFeatures(), false);
    INDArray logits = acts.get(VaeNetwork.LOGITS + 1);
    INDArray oneHot = acts.get(VaeNetwork.LATENT + 1);
    SparseEncoder encoder = SparseEncoder.of(VaeNetwork.weights(net), code);
    assertThat(encoder.logitCount()).isEqualTo(M * C);
    for (int i = 0; i < ROWS; i++) {
      float[] eta = new float[M * C];
      for (int k = 0; k < eta.length; k++) {
        eta[k] = logits.getFloat(i, k);
      }
      io.semhash.codes.BitCode c = code.code(eta);
      for (int grp = 0; grp < M; grp++) {
        int cls = code.shape().classOf(c, grp);
        for (int k = 0; k < C; k++) {
          assertThat(oneHot.getDouble(i, grp * C + k)).isEqualTo(k == cls ? 1.0 : 0.0);
          assertThat(logits.getDouble(i, grp * C + k)).isLessThanOrEqualTo(logits.getDouble(i, grp * C + cls));
        }
      }
    }
  }

  @Test
  void anEstimatorWithoutACategoricalFormIsRefusedNamingTheAllowedOnes() {
    assertThatThrownBy(() -> new HashingTrainer(options("darn", 1.0, 0, "squared", CodeSpec.categorical(M, C)), 1, null,
        Double.POSITIVE_INFINITY))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("darn")
        .hasMessageContaining("zgr, st, stgs, grmc");
  }
}
