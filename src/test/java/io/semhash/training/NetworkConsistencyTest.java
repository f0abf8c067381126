package io.semhash.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.semhash.estimator.BinarySample;
import io.semhash.model.SparseEncoder;
import io.semhash.model.TrainingOptions;
import io.semhash.text.SparseVector;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

class NetworkConsistencyTest {
  static final int V = 300;

  static TrainingOptions options(String estimator, double beta) {
    return new TrainingOptions(24, 40, estimator, 0.5, 10, beta, 0.0, 5, 1e-3, 16, 1, 1, 0.1, 11);
  }

  static List<SparseVector> randomSparse(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    List<SparseVector> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int nnz = 5 + r.nextInt(20);
      java.util.TreeSet<Integer> idx = new java.util.TreeSet<>();
      while (idx.size() < nnz) {
        idx.add(r.nextInt(V));
      }
      int[] ii = idx.stream().mapToInt(Integer::intValue).toArray();
      float[] vv = new float[ii.length];
      for (int k = 0; k < vv.length; k++) {
        vv[k] = (float) (0.05 + r.nextDouble());
      }
      out.add(new SparseVector(ii, vv));
    }
    return out;
  }

  @Test
  void sparseEncoderGivesTheNetworksOwnLogits() {
    MultiLayerNetwork net = VaeNetwork.create(options("zgr", 1.0), V, ParallelSlices.SINGLE);
    List<SparseVector> xs = randomSparse(20, 3);
    // one training step so that the weights are not just their initial values
    int[] all = java.util.stream.IntStream.range(0, xs.size()).toArray();
    net.fit(new DataSet(new DenseBatch(V).fill(xs, all), new DenseBatch(V).fill(xs, all).mul(3)));
    INDArray logits = net.feedForwardToLayer(VaeNetwork.LOGITS, new DenseBatch(V).fill(xs, all), false).get(VaeNetwork.LOGITS + 1);
    SparseEncoder enc = SparseEncoder.of(VaeNetwork.weights(net));
    for (int i = 0; i < xs.size(); i++) {
      float[] mine = enc.logits(xs.get(i));
      for (int b = 0; b < mine.length; b++) {
        assertThat(mine[b]).as("doc %d bit %d", i, b).isCloseTo(logits.getFloat(i, b), within(1e-4f));
      }
    }
  }

  @Test
  void latentLayerBackwardIsTheEstimatorsMapPlusTheKlGradient() {
    for (String name : new String[] {"zgr", "st"}) {
      MultiLayerNetwork net = VaeNetwork.create(options(name, 0.5), V, ParallelSlices.SINGLE);
      List<SparseVector> xs = randomSparse(16, 5);
      int[] all = java.util.stream.IntStream.range(0, xs.size()).toArray();
      INDArray in = new DenseBatch(V).fill(xs, all);
      net.setInput(in);
      net.setLabels(in.mul(2));
      net.computeGradientAndScore();
      BinaryLatentLayerImpl latent = VaeNetwork.latent(net);
      BinarySample s = latent.lastSample();
      // dL/dx by hand from the decoder: W4 (p * sum(counts) - counts)^T
      INDArray w4 = net.getLayer(VaeNetwork.DECODER).getParam("W");
      INDArray b4 = net.getLayer(VaeNetwork.DECODER).getParam("b");
      INDArray z = s.x().mmul(w4).addiRowVector(b4);
      INDArray p = org.nd4j.linalg.ops.transforms.Transforms.softmax(z, true);
      INDArray labels = in.mul(2);
      INDArray delta = p.mulColumnVector(labels.sum(true, 1)).subi(labels);
      INDArray dLdx = delta.mmul(w4.transpose());
      INDArray expected = latent.estimator().backward(s, dLdx)
          .add(s.p().mul(s.p().rsub(1.0)).mul(s.logits()).mul(0.5));
      INDArray got = latent.backpropGradient(dLdx, org.deeplearning4j.nn.workspace.LayerWorkspaceMgr.noWorkspaces()).getSecond();
      assertThat(got.equalsWithEps(expected, 1e-4)).as(name).isTrue();
      // and it is the estimator's surrogate that scales it: ZGR uses |x - p| / 2, ST p(1 - p)
      INDArray surrogate = name.equals("zgr")
          ? org.nd4j.linalg.ops.transforms.Transforms.abs(s.x().sub(s.p())).div(2)
          : s.p().mul(s.p().rsub(1.0));
      assertThat(s.surrogate().equalsWithEps(surrogate, 1e-6)).as(name + " surrogate").isTrue();
    }
  }

  @Test
  void pairedBatchAddsTheNeighbourGradientToBothDocumentsOfEachPair() {
    double w = 3.0;
    TrainingOptions o = new TrainingOptions(24, 40, "zgr", 0.5, 10, 0.0, w, 5, 1e-3, 16, 1, 1, 0.1, 11);
    MultiLayerNetwork net = VaeNetwork.create(o, V, ParallelSlices.SINGLE);
    List<SparseVector> xs = randomSparse(16, 9);
    int[] all = java.util.stream.IntStream.range(0, xs.size()).toArray();
    INDArray in = new DenseBatch(V).fill(xs, all);
    net.setInput(in);
    net.setLabels(in.mul(2));
    net.computeGradientAndScore();
    BinaryLatentLayerImpl latent = VaeNetwork.latent(net);
    BinarySample s = latent.lastSample();
    INDArray dLdx = Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 16, 24).subi(0.5);
    INDArray plain = latent.backpropGradient(dLdx, org.deeplearning4j.nn.workspace.LayerWorkspaceMgr.noWorkspaces()).getSecond().dup();
    latent.setPairedBatch(true);
    INDArray paired = latent.backpropGradient(dLdx, org.deeplearning4j.nn.workspace.LayerWorkspaceMgr.noWorkspaces()).getSecond();
    latent.setPairedBatch(false);
    double term = 0;
    for (int i = 0; i < 16; i++) {
      int partner = i < 8 ? i + 8 : i - 8;
      for (int b = 0; b < 24; b++) {
        double pi = s.p().getDouble(i, b);
        double pj = s.p().getDouble(partner, b);
        // d/dη_i of w (p_i - p_j)^2 = 2w (p_i - p_j) p_i (1 - p_i), for either member of the pair
        double expected = 2 * w * (pi - pj) * pi * (1 - pi);
        assertThat(paired.getDouble(i, b) - plain.getDouble(i, b)).as("row %d bit %d", i, b).isCloseTo(expected, within(1e-5));
        if (i < 8) {
          term += (pi - pj) * (pi - pj);
        }
      }
    }
    assertThat(latent.lastNeighbour()).isCloseTo(term, within(1e-3));
  }

  @Test
  void crossEntropyNeighbourGradientIsTheProbabilityDifferenceWithoutTheFadingFactor() {
    double w = 3.0;
    TrainingOptions o = new TrainingOptions(24, 40, "zgr", 0.5, 10, 0.0, w, 5, "tfidf", 0, 1.0, "tfidf", 0, 0,
        TrainingOptions.CROSS_ENTROPY, 0, 1e-3, 16, 1, 1, 0.1, 11);
    MultiLayerNetwork net = VaeNetwork.create(o, V, ParallelSlices.SINGLE);
    List<SparseVector> xs = randomSparse(16, 9);
    int[] all = java.util.stream.IntStream.range(0, xs.size()).toArray();
    INDArray in = new DenseBatch(V).fill(xs, all);
    net.setInput(in);
    net.setLabels(in.mul(2));
    net.computeGradientAndScore();
    BinaryLatentLayerImpl latent = VaeNetwork.latent(net);
    BinarySample s = latent.lastSample();
    INDArray dLdx = Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 16, 24).subi(0.5);
    INDArray plain = latent.backpropGradient(dLdx, org.deeplearning4j.nn.workspace.LayerWorkspaceMgr.noWorkspaces()).getSecond().dup();
    latent.setPairedBatch(true);
    INDArray paired = latent.backpropGradient(dLdx, org.deeplearning4j.nn.workspace.LayerWorkspaceMgr.noWorkspaces()).getSecond();
    latent.setPairedBatch(false);
    for (int i = 0; i < 16; i++) {
      int partner = i < 8 ? i + 8 : i - 8;
      for (int b = 0; b < 24; b++) {
        double pi = s.p().getDouble(i, b);
        double pj = s.p().getDouble(partner, b);
        // d/dη_i of w BCE(target p_j, prediction σ(η_i)) = w (p_i - p_j), the target held fixed
        assertThat(paired.getDouble(i, b) - plain.getDouble(i, b)).as("row %d bit %d", i, b)
            .isCloseTo(w * (pi - pj), within(1e-5));
      }
    }
  }

  @Test
  void hardTargetNeighbourGradientPullsEachRowTowardsItsPartnersCode() {
    double w = 2.0;
    TrainingOptions o = new TrainingOptions(24, 40, "zgr", 0.5, 10, 0.0, w, 5, "tfidf", 0, 1.0, "tfidf", 0, 0,
        TrainingOptions.HARD_TARGET, 0, 1e-3, 16, 1, 1, 0.1, 13);
    MultiLayerNetwork net = VaeNetwork.create(o, V, ParallelSlices.SINGLE);
    List<SparseVector> xs = randomSparse(16, 4);
    int[] all = java.util.stream.IntStream.range(0, xs.size()).toArray();
    INDArray in = new DenseBatch(V).fill(xs, all);
    net.setInput(in);
    net.setLabels(in.mul(2));
    net.computeGradientAndScore();
    BinaryLatentLayerImpl latent = VaeNetwork.latent(net);
    BinarySample s = latent.lastSample();
    INDArray dLdx = Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 16, 24).subi(0.5);
    INDArray plain = latent.backpropGradient(dLdx, org.deeplearning4j.nn.workspace.LayerWorkspaceMgr.noWorkspaces()).getSecond().dup();
    latent.setPairedBatch(true);
    INDArray paired = latent.backpropGradient(dLdx, org.deeplearning4j.nn.workspace.LayerWorkspaceMgr.noWorkspaces()).getSecond();
    latent.setPairedBatch(false);
    for (int i = 0; i < 16; i++) {
      int partner = i < 8 ? i + 8 : i - 8;
      for (int b = 0; b < 24; b++) {
        double pi = s.p().getDouble(i, b);
        double target = s.p().getDouble(partner, b) > 0.5 ? 1 : 0;
        assertThat(paired.getDouble(i, b) - plain.getDouble(i, b)).as("row %d bit %d", i, b)
            .isCloseTo(w * (pi - target), within(1e-5));
      }
    }
  }

  @Test
  void bitBalanceAddsTheBatchMeansDistanceFromHalfToEveryRow() {
    double b = 4.0;
    TrainingOptions o = new TrainingOptions(24, 40, "zgr", 0.5, 10, 0.0, 0.0, 5, "tfidf", 0, 1.0, "tfidf", 0, 0,
        TrainingOptions.SQUARED, b, 1e-3, 16, 1, 1, 0.1, 17);
    TrainingOptions off = new TrainingOptions(24, 40, "zgr", 0.5, 10, 0.0, 0.0, 5, "tfidf", 0, 1.0, "tfidf", 0, 0,
        TrainingOptions.SQUARED, 0, 1e-3, 16, 1, 1, 0.1, 17);
    OnAndOff g = latentGradients(o, off, randomSparse(16, 6));
    INDArray[] grads = {g.on(), g.off()};
    BinarySample s = g.sample();
    for (int bit = 0; bit < 24; bit++) {
      double mean = 0;
      for (int i = 0; i < 16; i++) {
        mean += s.p().getDouble(i, bit) / 16;
      }
      for (int i = 0; i < 16; i++) {
        assertThat(grads[0].getDouble(i, bit) - grads[1].getDouble(i, bit)).as("row %d bit %d", i, bit)
            .isCloseTo(2 * b * (mean - 0.5), within(1e-5));
      }
    }
  }

  @Test
  void bitDecorrelationAddsEachBitsCovarianceWithTheOthersTimesTheirDeviations() {
    // large: at initialisation the probabilities are near ½ and their covariances small
    double d = 300.0;
    TrainingOptions o = new TrainingOptions(24, 40, "zgr", 0.5, 10, 0.0, 0.0, 5, "tfidf", 0, 1.0, "tfidf", 0, 0,
        TrainingOptions.SQUARED, 0, d, 1e-3, 16, 1, 1, 0.1, 19);
    TrainingOptions off = new TrainingOptions(24, 40, "zgr", 0.5, 10, 0.0, 0.0, 5, "tfidf", 0, 1.0, "tfidf", 0, 0,
        TrainingOptions.SQUARED, 0, 0, 1e-3, 16, 1, 1, 0.1, 19);
    OnAndOff g = latentGradients(o, off, randomSparse(16, 8));
    INDArray[] grads = {g.on(), g.off()};
    BinarySample s = g.sample();
    // reference: d/dp_rk of d · B/2 · Σ_{k≠l} C_kl², C the batch covariance, by explicit sums
    int rows = 16;
    int bits = 24;
    double[][] p = new double[rows][bits];
    double[] mean = new double[bits];
    for (int i = 0; i < rows; i++) {
      for (int k = 0; k < bits; k++) {
        p[i][k] = s.p().getDouble(i, k);
        mean[k] += p[i][k] / rows;
      }
    }
    double[][] cov = new double[bits][bits];
    for (int k = 0; k < bits; k++) {
      for (int l = 0; l < bits; l++) {
        for (int i = 0; i < rows; i++) {
          cov[k][l] += (p[i][k] - mean[k]) * (p[i][l] - mean[l]) / rows;
        }
      }
    }
    double largest = 0;
    for (int i = 0; i < rows; i++) {
      for (int k = 0; k < bits; k++) {
        double expected = 0;
        for (int l = 0; l < bits; l++) {
          if (l != k) {
            expected += 2 * d * cov[k][l] * (p[i][l] - mean[l]);
          }
        }
        largest = Math.max(largest, Math.abs(expected));
        assertThat(grads[0].getDouble(i, k) - grads[1].getDouble(i, k)).as("row %d bit %d", i, k)
            .isCloseTo(expected, within(1e-5));
      }
    }
    assertThat(largest).as("the term is not vanishingly small here").isGreaterThan(1e-2);
  }

  @Test
  void bitDecorrelationGradientIsTheDerivativeOfTheSquaredOffDiagonalCovariance() {
    // finite differences of L(P) = d · B/2 · Σ_{k≠l} C_kl²
    double d = 0.7;
    INDArray p = Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.DOUBLE, 6, 5);
    INDArray g = BinaryLatentLayerImpl.decorrelationGradient(p, d);
    double h = 1e-6;
    for (int i = 0; i < 6; i++) {
      for (int k = 0; k < 5; k++) {
        INDArray up = p.dup();
        up.putScalar(i, k, p.getDouble(i, k) + h);
        INDArray down = p.dup();
        down.putScalar(i, k, p.getDouble(i, k) - h);
        double numeric = (offDiagonalLoss(up, d) - offDiagonalLoss(down, d)) / (2 * h);
        assertThat(g.getDouble(i, k)).as("row %d bit %d", i, k).isCloseTo(numeric, within(1e-6));
      }
    }
  }

  private static double offDiagonalLoss(INDArray p, double d) {
    int rows = (int) p.rows();
    int bits = (int) p.columns();
    double sum = 0;
    for (int k = 0; k < bits; k++) {
      for (int l = 0; l < bits; l++) {
        if (k == l) {
          continue;
        }
        double mk = p.getColumn(k).meanNumber().doubleValue();
        double ml = p.getColumn(l).meanNumber().doubleValue();
        double c = 0;
        for (int i = 0; i < rows; i++) {
          c += (p.getDouble(i, k) - mk) * (p.getDouble(i, l) - ml) / rows;
        }
        sum += c * c;
      }
    }
    return d * rows / 2.0 * sum;
  }

  /** The latent layer's input gradients for one batch and one upstream gradient, with a term on and off. */
  private record OnAndOff(INDArray on, INDArray off, BinarySample sample) {}

  private static OnAndOff latentGradients(TrainingOptions on, TrainingOptions off, List<SparseVector> xs) {
    int[] all = java.util.stream.IntStream.range(0, xs.size()).toArray();
    INDArray in = new DenseBatch(V).fill(xs, all);
    INDArray dLdx = Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, xs.size(), on.bits()).subi(0.5);
    INDArray[] grads = new INDArray[2];
    BinarySample s = null;
    for (int run = 0; run < 2; run++) {
      MultiLayerNetwork net = VaeNetwork.create(run == 0 ? on : off, V, ParallelSlices.SINGLE);
      net.setInput(in);
      net.setLabels(in.mul(2));
      net.computeGradientAndScore();
      BinaryLatentLayerImpl latent = VaeNetwork.latent(net);
      s = latent.lastSample();
      grads[run] = latent.backpropGradient(dLdx, org.deeplearning4j.nn.workspace.LayerWorkspaceMgr.noWorkspaces()).getSecond().dup();
    }
    return new OnAndOff(grads[0], grads[1], s);
  }
}
