package io.semhash.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The sampled softmax's parts against closed forms: a row with every word a candidate is the full
 * softmax (loss and δ); the candidates are the batch's words plus draws from the others, with
 * importance weights that make the estimate of the others' sum unbiased.
 */
class SampledSoftmaxTest {

  private static float[] gaussian(int n, SplittableRandom r) {
    float[] a = new float[n];
    for (int i = 0; i < n; i++) {
      a[i] = (float) (2 * r.nextGaussian());
    }
    return a;
  }

  @Test
  void rowWithEveryWordIsTheFullSoftmax() {
    SplittableRandom r = new SplittableRandom(1);
    int v = 50;
    float[] z = gaussian(v, r);
    float[] c = new float[v];
    for (int t = 0; t < v; t += 3) {
      c[t] = 1 + r.nextInt(4);
    }
    double[] ones = new double[v];
    Arrays.fill(ones, 1);
    float[] delta = new float[v];
    double loss = SampledSoftmax.row(z, c, ones, delta, v);
    double max = Double.NEGATIVE_INFINITY;
    for (float x : z) {
      max = Math.max(max, x);
    }
    double sum = 0;
    for (float x : z) {
      sum += Math.exp(x - max);
    }
    double n = 0;
    double expectedLoss = 0;
    for (int t = 0; t < v; t++) {
      n += c[t];
      expectedLoss -= c[t] * (z[t] - max - Math.log(sum));
    }
    assertThat(loss).isCloseTo(expectedLoss, within(1e-6 * expectedLoss));
    for (int t = 0; t < v; t++) {
      assertThat((double) delta[t]).isCloseTo(n * Math.exp(z[t] - max) / sum - c[t], within(1e-5));
    }
  }

  @Test
  void emptyRowHasNoLossAndNoGradient() {
    float[] delta = {7f, 7f, 7f};
    assertThat(SampledSoftmax.row(new float[] {1f, 2f, 3f}, new float[3], new double[] {1, 1, 1}, delta, 3)).isZero();
    assertThat(delta).containsOnly(0f);
  }

  @Test
  void weightedRowEstimatesTheNormaliserWithoutBias() {
    // words 0..3 held, 4..v−1 outside: over many draws the mean of Ẑ = exp((loss + Σ c z) / n) is Z
    SplittableRandom r = new SplittableRandom(2);
    int v = 30;
    float[] z = gaussian(v, r);
    float[] bias = gaussian(v, r);
    int[] held = {0, 1, 2, 3};
    double trueZ = 0;
    for (float x : z) {
      trueZ += Math.exp(x);
    }
    SampledSoftmax sm = new SampledSoftmax(v, 6, 3);
    int draws = 20_000;
    double mean = 0;
    for (int k = 0; k < draws; k++) {
      SampledSoftmax.Candidates cand = sm.candidates(held, bias);
      int width = cand.words().length;
      float[] zc = new float[width];
      float[] cc = new float[width];
      double n = 0;
      double countDotZ = 0;
      for (int j = 0; j < width; j++) {
        zc[j] = z[cand.words()[j]];
        if (cand.words()[j] < 4) {
          cc[j] = 2;
          n += 2;
          countDotZ += 2 * zc[j];
        }
      }
      double loss = SampledSoftmax.row(zc, cc, cand.weights(), new float[width], width);
      mean += Math.exp((loss + countDotZ) / n) / draws;
    }
    assertThat(mean).isCloseTo(trueZ, within(0.02 * trueZ));
  }

  @Test
  void candidatesAreTheBatchsWordsAndDrawsFromTheOthersByTheProposal() {
    // q_w ∝ exp(0.75 b_w) outside the batch: each word's mean weight per batch is 1 (Σ_{w∈N} a_w 1[w = t]
    // is unbiased for 1), the batch's words weigh 1 and are always there
    float[] bias = {0f, 1f, -1f, 2f, 0.5f, -0.5f};
    int[] held = {1, 4};
    SampledSoftmax sm = new SampledSoftmax(bias.length, 3, 23);
    double[] weightSum = new double[bias.length];
    int batches = 40_000;
    for (int k = 0; k < batches; k++) {
      SampledSoftmax.Candidates c = sm.candidates(held, bias);
      assertThat(c.words()).isSorted().doesNotHaveDuplicates().contains(1, 4);
      assertThat(c.words().length).isBetween(2, 5);
      for (int d = 0; d < c.words().length; d++) {
        int t = c.words()[d];
        if (t == 1 || t == 4) {
          assertThat(c.weights()[d]).isEqualTo(1.0);
        } else {
          weightSum[t] += c.weights()[d];
        }
      }
    }
    for (int t : new int[] {0, 2, 3, 5}) {
      assertThat(weightSum[t] / batches).as("word %d", t).isCloseTo(1.0, within(0.03));
    }
  }

  @Test
  void batchHoldingEveryWordDrawsNothing() {
    SampledSoftmax sm = new SampledSoftmax(4, 10, 5);
    SampledSoftmax.Candidates c = sm.candidates(new int[] {0, 1, 2, 3}, new float[4]);
    assertThat(c.words()).containsExactly(0, 1, 2, 3);
    assertThat(c.weights()).containsOnly(1.0);
  }
}
