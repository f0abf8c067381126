package io.semhash.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The sampled softmax against naive loops: with every word sampled it is the full softmax (loss,
 * δ, both gradients); with a sample its normaliser estimate is unbiased, its pairs are each row's
 * words plus the negatives it lacks, and threads do not change a bit.
 */
class SampledSoftmaxTest {
  private static final int ROWS = 6;
  private static final int H = 5;
  private static final int V = 40;

  /** A small batch: x in {0, 1}, W column-major, counts on a few words per row (one row empty). */
  private record Batch(float[] x, float[] w, float[] b, float[][] counts, int[] rowPtr, int[] words, float[] vals) {}

  private static Batch batch(long seed) {
    return batch(seed, ROWS, V);
  }

  private static Batch batch(long seed, int rows, int vocabulary) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] x = new float[rows * H];
    for (int i = 0; i < x.length; i++) {
      x[i] = r.nextBoolean() ? 1f : 0f;
    }
    float[] w = new float[H * vocabulary];
    for (int i = 0; i < w.length; i++) {
      w[i] = (float) (r.nextGaussian() * 0.8);
    }
    float[] b = new float[vocabulary];
    for (int i = 0; i < vocabulary; i++) {
      b[i] = (float) r.nextGaussian();
    }
    float[][] counts = new float[rows][vocabulary];
    int[] rowPtr = new int[rows + 1];
    int[] words = new int[rows * vocabulary];
    float[] vals = new float[rows * vocabulary];
    int n = 0;
    for (int row = 0; row < rows; row++) {
      for (int t = 0; t < vocabulary; t++) {
        if (row != 2 && r.nextInt(5) == 0) {
          counts[row][t] = 1 + r.nextInt(3);
          words[n] = t;
          vals[n++] = counts[row][t];
        }
      }
      rowPtr[row + 1] = n;
    }
    return new Batch(x, w, b, counts, rowPtr, words, vals);
  }

  private static double logit(Batch s, int row, int t) {
    double z = s.b[t];
    for (int i = 0; i < H; i++) {
      z += s.x[row * H + i] * (double) s.w[t * H + i];
    }
    return z;
  }

  /** δ = n softmax(z) − c, dense, and −Σ c log softmax(z) per row, in double. */
  private static double[][] fullDelta(Batch s, double[] loss) {
    double[][] d = new double[ROWS][V];
    for (int row = 0; row < ROWS; row++) {
      double zMax = Double.NEGATIVE_INFINITY;
      for (int t = 0; t < V; t++) {
        zMax = Math.max(zMax, logit(s, row, t));
      }
      double sum = 0;
      for (int t = 0; t < V; t++) {
        sum += Math.exp(logit(s, row, t) - zMax);
      }
      double n = 0;
      for (int t = 0; t < V; t++) {
        n += s.counts[row][t];
      }
      for (int t = 0; t < V; t++) {
        double logP = logit(s, row, t) - zMax - Math.log(sum);
        d[row][t] = n * Math.exp(logP) - s.counts[row][t];
        loss[row] -= s.counts[row][t] * logP;
      }
    }
    return d;
  }

  private static SampledSoftmax.Pass pass(Batch s, int negatives, long seed, ParallelSlices slices) {
    SampledSoftmax sm = new SampledSoftmax(s.b.length, negatives, seed);
    return sm.pass(s.x, s.rowPtr.length - 1, H, s.w, s.b, s.rowPtr, s.words, s.vals, sm.draw(s.b), slices);
  }

  /** The pass's δ as a dense [rows, V] matrix (zero off its pairs). */
  private static double[][] dense(SampledSoftmax.Pass p) {
    double[][] d = new double[ROWS][V];
    for (int row = 0; row < ROWS; row++) {
      for (int k = p.ptr()[row]; k < p.ptr()[row + 1]; k++) {
        assertThat(d[row][p.word()[k]]).as("word %d twice in row %d", p.word()[k], row).isZero();
        d[row][p.word()[k]] = p.delta()[k];
      }
    }
    return d;
  }

  @Test
  void everyWordSampledIsTheFullSoftmax() {
    Batch s = batch(1);
    double[] loss = new double[ROWS];
    double[][] expected = fullDelta(s, loss);
    SampledSoftmax.Pass p = pass(s, V + 5, 3, ParallelSlices.SINGLE);
    double[][] got = dense(p);
    for (int row = 0; row < ROWS; row++) {
      assertThat(p.ptr()[row + 1] - p.ptr()[row]).isEqualTo(V);
      assertThat(p.loss()[row]).isCloseTo(loss[row], within(1e-3 * (1 + Math.abs(loss[row]))));
      for (int t = 0; t < V; t++) {
        assertThat(got[row][t]).as("δ[%d][%d]", row, t).isCloseTo(expected[row][t], within(1e-5));
      }
    }
    // the empty row: no loss, no gradient
    assertThat(p.loss()[2]).isZero();
    assertThat(got[2]).containsOnly(0.0);
  }

  @Test
  void gradientsAreTheProductsOfTheSampledDelta() {
    Batch s = batch(2);
    SampledSoftmax.Pass p = pass(s, 7, 5, ParallelSlices.SINGLE);
    double[][] d = dense(p);
    float[] gW = new float[H * V];
    Arrays.fill(gW, 9f); // every element is written
    float[] gb = new float[V];
    Arrays.fill(gb, 9f);
    p.weightGradient(s.x, V, gW, gb, ParallelSlices.SINGLE);
    float[] eps = p.inputGradient(s.w, ParallelSlices.SINGLE);
    for (int t = 0; t < V; t++) {
      double bias = 0;
      for (int row = 0; row < ROWS; row++) {
        bias += d[row][t];
      }
      assertThat((double) gb[t]).isCloseTo(bias, within(1e-5));
      for (int i = 0; i < H; i++) {
        double g = 0;
        for (int row = 0; row < ROWS; row++) {
          g += s.x[row * H + i] * d[row][t];
        }
        assertThat((double) gW[t * H + i]).isCloseTo(g, within(1e-5));
      }
    }
    for (int row = 0; row < ROWS; row++) {
      for (int i = 0; i < H; i++) {
        double e = 0;
        for (int t = 0; t < V; t++) {
          e += d[row][t] * s.w[t * H + i];
        }
        assertThat((double) eps[row * H + i]).isCloseTo(e, within(1e-5));
      }
    }
  }

  @Test
  void pairsAreTheRowsWordsThenTheNegativesTheyLack() {
    Batch s = batch(3);
    SampledSoftmax sm = new SampledSoftmax(V, 9, 11);
    SampledSoftmax.Negatives drawn = sm.draw(s.b);
    int[] negatives = drawn.words();
    assertThat(negatives.length).isBetween(1, 9);
    assertThat(negatives).doesNotHaveDuplicates().isSorted();
    assertThat(Arrays.stream(negatives).allMatch(t -> t >= 0 && t < V)).isTrue();
    SampledSoftmax.Pass p = sm.pass(s.x, ROWS, H, s.w, s.b, s.rowPtr, s.words, s.vals, drawn, ParallelSlices.SINGLE);
    for (int row = 0; row < ROWS; row++) {
      int[] own = Arrays.copyOfRange(s.words, s.rowPtr[row], s.rowPtr[row + 1]);
      float[] counts = s.counts[row];
      int[] lacked = Arrays.stream(negatives).filter(t -> counts[t] == 0).toArray();
      int[] expected = java.util.stream.IntStream.concat(Arrays.stream(own), Arrays.stream(lacked)).toArray();
      assertThat(Arrays.copyOfRange(p.word(), p.ptr()[row], p.ptr()[row + 1])).containsExactly(expected);
      // a negative's δ: n · s · e^z / Ẑ > 0 (0 in the empty row); a positive's may be either sign
      for (int k = p.ptr()[row] + own.length; k < p.ptr()[row + 1]; k++) {
        if (own.length > 0) {
          assertThat(p.delta()[k]).isPositive();
        } else {
          assertThat(p.delta()[k]).isZero();
        }
      }
    }
  }

  @Test
  void normaliserEstimateIsUnbiased() {
    // loss = n (log Ẑ) − Σ c z, so Ẑ = exp((loss + Σ c z) / n); its mean over draws is Z
    Batch s = batch(4);
    double[] ignored = new double[ROWS];
    fullDelta(s, ignored);
    int row = 0;
    double n = 0;
    double countDotZ = 0;
    double z = 0;
    for (int t = 0; t < V; t++) {
      n += s.counts[row][t];
      countDotZ += s.counts[row][t] * logit(s, row, t);
      z += Math.exp(logit(s, row, t));
    }
    SampledSoftmax sm = new SampledSoftmax(V, 4, 17);
    int draws = 20_000;
    double mean = 0;
    for (int k = 0; k < draws; k++) {
      SampledSoftmax.Pass p = sm.pass(s.x, ROWS, H, s.w, s.b, s.rowPtr, s.words, s.vals, sm.draw(s.b),
          ParallelSlices.SINGLE);
      mean += Math.exp((p.loss()[row] + countDotZ) / n) / draws;
    }
    assertThat(mean).isCloseTo(z, within(0.02 * z));
  }

  @Test
  void threadsChangeNoBit() {
    int v = 2000; // large enough for the loops to split over the threads
    Batch s = batch(5, 40, v);
    try (ParallelSlices three = new ParallelSlices(3)) {
      SampledSoftmax.Pass one = pass(s, 11, 7, ParallelSlices.SINGLE);
      SampledSoftmax.Pass many = pass(s, 11, 7, three);
      assertThat(many.word()).containsExactly(one.word());
      assertThat(many.delta()).containsExactly(one.delta());
      assertThat(many.loss()).containsExactly(one.loss());
      float[] gW1 = new float[H * v];
      float[] gb1 = new float[v];
      float[] gW3 = new float[H * v];
      float[] gb3 = new float[v];
      long splitBefore = three.splitRuns.get();
      one.weightGradient(s.x, v, gW1, gb1, ParallelSlices.SINGLE);
      many.weightGradient(s.x, v, gW3, gb3, three);
      assertThat(gW3).containsExactly(gW1);
      assertThat(gb3).containsExactly(gb1);
      assertThat(many.inputGradient(s.w, three)).containsExactly(one.inputGradient(s.w, ParallelSlices.SINGLE));
      assertThat(three.splitRuns.get()).isGreaterThan(splitBefore);
    }
  }

  @Test
  void drawsFollowTheProposal() {
    // q_w ∝ exp(0.75 b_w): the share of draws of each word, over many batches, is q_w
    float[] bias = {0f, 1f, -1f, 2f, 0.5f};
    double[] q = new double[bias.length];
    double total = 0;
    for (int t = 0; t < bias.length; t++) {
      q[t] = Math.exp(0.75 * bias[t]);
      total += q[t];
    }
    SampledSoftmax sm = new SampledSoftmax(bias.length, 3, 23);
    double[] weightSum = new double[bias.length];
    int batches = 40_000;
    for (int k = 0; k < batches; k++) {
      SampledSoftmax.Negatives n = sm.draw(bias);
      for (int d = 0; d < n.words().length; d++) {
        weightSum[n.words()[d]] += n.weights()[d];
      }
    }
    // E[Σ_{w∈N} a_w 1[w = t]] = 1 for every word t: each word's mean weight per batch is 1
    for (int t = 0; t < bias.length; t++) {
      assertThat(weightSum[t] / batches).as("word %d (q = %.3f)", t, q[t] / total).isCloseTo(1.0, within(0.03));
    }
  }

  @Test
  void dotIsTheSumOfProducts() {
    SplittableRandom r = new SplittableRandom(8);
    for (int n : new int[] {0, 1, 7, 8, 9, 64, 67}) {
      float[] a = new float[n + 3];
      float[] b = new float[n + 5];
      for (int i = 0; i < a.length; i++) {
        a[i] = (float) r.nextGaussian();
      }
      for (int i = 0; i < b.length; i++) {
        b[i] = (float) r.nextGaussian();
      }
      double expected = 0;
      for (int i = 0; i < n; i++) {
        expected += a[3 + i] * (double) b[5 + i];
      }
      assertThat((double) SampledSoftmax.dot(a, 3, b, 5, n)).isCloseTo(expected, within(1e-4));
    }
  }
}
