package io.semhash.training;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The decoder's count-weighted softmax log-likelihood over a batch's candidate words instead of
 * the whole vocabulary: every word some row of the batch holds (the batch's words, U), computed
 * exactly for every row, and K draws from the words outside U, which stand in for the rest of the
 * normaliser. Why: the full softmax costs three [batch, V] matrix products and V exponentials per
 * row every step, about half of a training step; a batch of 128 documents holds a few thousand
 * distinct words of the 10,000, so the products shrink to [batch, |U| + K].
 *
 * <p>Per row with counts c (all on U), n = Σ c and logits z = x W + b, the normaliser Z = Σ_w
 * e^{z_w} is estimated as Ẑ = Σ_{w∈U} e^{z_w} + Σ_{w∈N} a_w e^{z_w}: the negatives N are drawn with
 * replacement from a proposal q over the words outside U ({@link #candidates}), a_w = m_w / (K q_w)
 * with m_w the times w was drawn, so the second sum is an unbiased estimate of the words outside
 * U. The loss is n log Ẑ − Σ c_w z_w, its gradient δ_w = n a_w e^{z_w} / Ẑ − c_w (a_w = 1 on U)
 * on the candidates, zero elsewhere. With K = 0 or U = V nothing is estimated: with every word a
 * candidate this is the full softmax.
 */
final class SampledSoftmax {
  /**
   * The proposal's exponent on the decoder's bias: q_w ∝ exp(0.75 · b_w) over the words outside
   * U. The bias tracks the log word frequencies, so q follows them, flattened as word2vec's
   * unigram^0.75 (rare words are still drawn).
   */
  static final double PROPOSAL_EXPONENT = 0.75;
  private final int vocabulary;
  private final int negatives;
  private final SplittableRandom random;

  /**
   * @param vocabulary V
   * @param negatives K ≥ 0 draws per batch from the words outside the batch's own
   * @param seed the draws' random stream
   */
  SampledSoftmax(int vocabulary, int negatives, long seed) {
    if (vocabulary < 1 || negatives < 0) {
      throw new IllegalArgumentException("vocabulary must be ≥ 1 and negatives ≥ 0, got " + vocabulary + ", " + negatives);
    }
    this.vocabulary = vocabulary;
    this.negatives = negatives;
    this.random = new SplittableRandom(seed);
  }

  /**
   * A batch's candidate words, ascending, and each one's weight: 1 for the batch's own words,
   * m_w / (K q_w) for a drawn one, so that Σ_{w∉U} f(w) is estimated without bias by Σ_{w∈N} a_w f(w).
   */
  record Candidates(int[] words, double[] weights) {}

  /**
   * The batch's words (ascending, distinct) and K draws with replacement from q_w ∝ exp(0.75 · b_w)
   * over the other words, b the decoder's bias.
   */
  Candidates candidates(int[] batchWords, float[] bias) {
    boolean[] inBatch = new boolean[vocabulary];
    for (int t : batchWords) {
      inBatch[t] = true;
    }
    int[] drawn = new int[vocabulary];
    double[] q = new double[vocabulary];
    double total = 0;
    if (negatives > 0 && batchWords.length < vocabulary) {
      double max = Double.NEGATIVE_INFINITY;
      for (int t = 0; t < vocabulary; t++) {
        if (!inBatch[t]) {
          max = Math.max(max, bias[t]);
        }
      }
      double[] cumulative = new double[vocabulary];
      for (int t = 0; t < vocabulary; t++) {
        q[t] = inBatch[t] ? 0 : Math.exp(PROPOSAL_EXPONENT * (bias[t] - max));
        total += q[t];
        cumulative[t] = total;
      }
      for (int k = 0; k < negatives; k++) {
        double u = random.nextDouble() * total;
        int lo = 0;
        int hi = vocabulary - 1;
        while (lo < hi) {
          int mid = (lo + hi) >>> 1;
          if (cumulative[mid] <= u) {
            lo = mid + 1;
          } else {
            hi = mid;
          }
        }
        while (inBatch[lo]) {
          lo++; // u landed on a flat stretch of the cumulative sum (zero-probability words)
        }
        drawn[lo]++;
      }
    }
    int count = 0;
    for (int t = 0; t < vocabulary; t++) {
      if (inBatch[t] || drawn[t] > 0) {
        count++;
      }
    }
    int[] words = new int[count];
    double[] weights = new double[count];
    for (int t = 0, d = 0; t < vocabulary; t++) {
      if (inBatch[t]) {
        words[d] = t;
        weights[d++] = 1;
      } else if (drawn[t] > 0) {
        words[d] = t;
        weights[d++] = drawn[t] * total / (negatives * q[t]);
      }
    }
    return new Candidates(words, weights);
  }

  /**
   * One row: its logits on the candidates (bias included) in {@code z}, its counts on them in
   * {@code counts}; writes δ into {@code delta} and returns the row's loss n log Ẑ − Σ c z.
   */
  static double row(float[] z, float[] counts, double[] weights, float[] delta, int width) {
    double max = Double.NEGATIVE_INFINITY;
    double n = 0;
    double countDotZ = 0;
    for (int p = 0; p < width; p++) {
      max = Math.max(max, z[p]);
      float c = counts[p];
      if (c != 0f) {
        n += c;
        countDotZ += c * (double) z[p];
      }
    }
    if (n == 0) {
      Arrays.fill(delta, 0, width, 0f);
      return 0;
    }
    double zHat = 0;
    for (int p = 0; p < width; p++) {
      double e = weights[p] * Math.exp(z[p] - max);
      delta[p] = (float) e;
      zHat += e;
    }
    float perZ = (float) (n / zHat);
    for (int p = 0; p < width; p++) {
      delta[p] = delta[p] * perZ - counts[p];
    }
    return n * (max + Math.log(zHat)) - countDotZ;
  }
}
