package io.semhash.training;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The decoder's count-weighted softmax log-likelihood over a sample of the vocabulary: for each
 * row, the words it holds (its positives) and one set of K negatives drawn for the whole batch
 * (uniformly, without replacement). Why: the full softmax costs three [batch, V] matrix products
 * and V exponentials per row every step, about half of a training step; the sample costs
 * (|positives| + K) · bits multiply-adds per row.
 *
 * <p>Per row r with counts c, n = Σ c and logits z = x W + b, the normaliser Z = Σ_w e^{z_w} is
 * estimated as Ẑ = Σ_{w∈P} e^{z_w} + Σ_{w∈N∖P} a_w e^{z_w}: the K negatives are drawn with
 * replacement from a proposal q over the vocabulary ({@link #draw}), a_w = m_w / (K q_w) with m_w
 * the times w was drawn, so the second term is an unbiased estimate of the words outside P. The
 * loss is n log Ẑ − Σ c_w z_w and its gradient δ_w = n e^{z_w} / Ẑ − c_w on the positives, n a_w
 * e^{z_w} / Ẑ on the sampled negatives, zero elsewhere. With K ≥ V every word is taken once with
 * a_w = 1: the full softmax.
 *
 * <p>Arrays: x is [rows, h] row-major, W is column-major (column w of [h, V] at {@code w · h}, as
 * DL4J keeps its [nIn, nOut] weights), the result's (row, word) pairs are row by row, positives
 * (ascending) first. Each row is computed by one thread, each gradient column by one thread, in
 * a fixed order: the results do not depend on the thread count.
 */
final class SampledSoftmax {
  /**
   * The proposal's exponent on the decoder's bias: q_w ∝ exp(0.75 · b_w). The bias tracks the log
   * word frequencies, so q follows them, flattened as word2vec's unigram^0.75 (rare words are still
   * drawn), and the importance weights e^{z_w} / q_w stay moderate where uniform draws would miss
   * the frequent words that dominate the normaliser.
   */
  static final double PROPOSAL_EXPONENT = 0.75;
  private final int vocabulary;
  private final int negatives;
  private final SplittableRandom random;

  /**
   * @param vocabulary V
   * @param negatives K ≥ 1 draws per batch (K ≥ V: every word, each once, weight 1: the full softmax)
   * @param seed the draws' random stream
   */
  SampledSoftmax(int vocabulary, int negatives, long seed) {
    if (vocabulary < 1 || negatives < 1) {
      throw new IllegalArgumentException("vocabulary and negatives must be ≥ 1, got " + vocabulary + ", " + negatives);
    }
    this.vocabulary = vocabulary;
    this.negatives = negatives;
    this.random = new SplittableRandom(seed);
  }

  /**
   * A batch's negatives: distinct words, ascending, and each one's importance weight m_w / (K q_w)
   * (m_w: how often it was drawn), so that Σ_{w∈N} weight_w f(w) is an unbiased estimate of Σ_w f(w).
   */
  record Negatives(int[] words, double[] weights) {}

  /** K words drawn with replacement from q_w ∝ exp(0.75 · b_w), b the decoder's bias. */
  Negatives draw(float[] bias) {
    if (negatives >= vocabulary) {
      int[] all = new int[vocabulary];
      double[] ones = new double[vocabulary];
      for (int t = 0; t < vocabulary; t++) {
        all[t] = t;
        ones[t] = 1;
      }
      return new Negatives(all, ones);
    }
    double max = Double.NEGATIVE_INFINITY;
    for (float b : bias) {
      max = Math.max(max, b);
    }
    double[] cumulative = new double[vocabulary];
    double[] q = new double[vocabulary];
    double total = 0;
    for (int t = 0; t < vocabulary; t++) {
      q[t] = Math.exp(PROPOSAL_EXPONENT * (bias[t] - max));
      total += q[t];
      cumulative[t] = total;
    }
    int[] drawn = new int[vocabulary];
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
      drawn[lo]++;
    }
    int distinct = 0;
    for (int t = 0; t < vocabulary; t++) {
      if (drawn[t] > 0) {
        distinct++;
      }
    }
    int[] words = new int[distinct];
    double[] weights = new double[distinct];
    for (int t = 0, d = 0; t < vocabulary; t++) {
      if (drawn[t] > 0) {
        words[d] = t;
        weights[d++] = drawn[t] * total / (negatives * q[t]);
      }
    }
    return new Negatives(words, weights);
  }

  /**
   * One batch's logits, loss and δ on its pairs.
   *
   * @param rowPtr where each row's counts start in {@code words} and {@code counts}
   * @param words the batch's words with a non-zero count, row by row, ascending in each row
   * @param counts their counts
   * @param negatives the batch's negatives ({@link #draw})
   */
  Pass pass(float[] x, int rows, int h, float[] w, float[] bias, int[] rowPtr, int[] words, float[] counts,
      Negatives negatives, ParallelSlices slices) {
    int[] negativeWords = negatives.words();
    int[] pairPtr = new int[rows + 1];
    // every row: its positives and the negatives it does not hold (both lists ascending: a merge)
    for (int r = 0; r < rows; r++) {
      int held = 0;
      for (int k = rowPtr[r], e = rowPtr[r + 1], q = 0; k < e && q < negativeWords.length; ) {
        if (words[k] == negativeWords[q]) {
          held++;
          k++;
          q++;
        } else if (words[k] < negativeWords[q]) {
          k++;
        } else {
          q++;
        }
      }
      pairPtr[r + 1] = pairPtr[r] + (rowPtr[r + 1] - rowPtr[r]) + negativeWords.length - held;
    }
    int[] pairWord = new int[pairPtr[rows]];
    float[] delta = new float[pairPtr[rows]];
    double[] loss = new double[rows];
    slices.run(rows, 8, 1, (from, to) -> {
      Row scratch = new Row();
      for (int r = from; r < to; r++) {
        row(x, r, h, w, bias, rowPtr, words, counts, negatives, pairPtr, pairWord, delta, loss, scratch);
      }
    });
    return new Pass(rows, h, pairPtr, pairWord, delta, loss);
  }

  /** A thread's per-row buffers: each pair's e^{z − max} and importance weight. */
  private static final class Row {
    double[] e = new double[1024];
    double[] weight = new double[1024];

    void fit(int pairs) {
      if (e.length < pairs) {
        e = new double[Math.max(pairs, 2 * e.length)];
        weight = new double[e.length];
      }
    }
  }

  private void row(float[] x, int r, int h, float[] w, float[] bias, int[] rowPtr, int[] words, float[] counts,
      Negatives negatives, int[] pairPtr, int[] pairWord, float[] delta, double[] loss, Row scratch) {
    int[] negativeWords = negatives.words();
    int p0 = pairPtr[r];
    int positives = rowPtr[r + 1] - rowPtr[r];
    int pairs = pairPtr[r + 1] - p0;
    scratch.fit(pairs);
    double[] e = scratch.e;
    double[] weight = scratch.weight;
    // the pairs' words: positives, then the negatives not among them
    System.arraycopy(words, rowPtr[r], pairWord, p0, positives);
    for (int k = rowPtr[r], end = rowPtr[r + 1], q = 0, at = positives; q < negativeWords.length; q++) {
      int nw = negativeWords[q];
      while (k < end && words[k] < nw) {
        k++;
      }
      if (k < end && words[k] == nw) {
        continue;
      }
      pairWord[p0 + at] = nw;
      weight[at++] = negatives.weights()[q];
    }
    int xr = r * h;
    double max = Double.NEGATIVE_INFINITY;
    for (int p = 0; p < pairs; p++) {
      int t = pairWord[p0 + p];
      double z = bias[t] + dot(x, xr, w, t * h, h);
      e[p] = z;
      max = Math.max(max, z);
    }
    double n = 0;
    double countDotZ = 0;
    for (int p = 0; p < positives; p++) {
      float c = counts[rowPtr[r] + p];
      n += c;
      countDotZ += c * e[p];
    }
    if (pairs == 0 || n == 0) {
      loss[r] = 0;
      Arrays.fill(delta, p0, p0 + pairs, 0f);
      return;
    }
    double zHat = 0;
    for (int p = 0; p < pairs; p++) {
      e[p] = Math.exp(e[p] - max);
      if (p >= positives) {
        e[p] *= weight[p];
      }
      zHat += e[p];
    }
    loss[r] = n * (max + Math.log(zHat)) - countDotZ;
    double perZ = n / zHat;
    for (int p = 0; p < positives; p++) {
      delta[p0 + p] = (float) (perZ * e[p] - counts[rowPtr[r] + p]);
    }
    for (int p = positives; p < pairs; p++) {
      delta[p0 + p] = (float) (perZ * e[p]);
    }
  }

  /** Σ_i a[ai + i] · b[bi + i] with eight partial sums (one chain of dependent adds is latency-bound). */
  static float dot(float[] a, int ai, float[] b, int bi, int n) {
    float s0 = 0f;
    float s1 = 0f;
    float s2 = 0f;
    float s3 = 0f;
    float s4 = 0f;
    float s5 = 0f;
    float s6 = 0f;
    float s7 = 0f;
    int i = 0;
    for (; i + 7 < n; i += 8) {
      s0 += a[ai + i] * b[bi + i];
      s1 += a[ai + i + 1] * b[bi + i + 1];
      s2 += a[ai + i + 2] * b[bi + i + 2];
      s3 += a[ai + i + 3] * b[bi + i + 3];
      s4 += a[ai + i + 4] * b[bi + i + 4];
      s5 += a[ai + i + 5] * b[bi + i + 5];
      s6 += a[ai + i + 6] * b[bi + i + 6];
      s7 += a[ai + i + 7] * b[bi + i + 7];
    }
    for (; i < n; i++) {
      s0 += a[ai + i] * b[bi + i];
    }
    return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
  }

  /**
   * One batch's sampled pairs: row r's words {@code word[ptr[r] .. ptr[r+1])} and δ on them, and
   * each row's loss.
   */
  record Pass(int rows, int h, int[] ptr, int[] word, float[] delta, double[] loss) {
    double totalLoss() {
      double s = 0;
      for (double l : loss) {
        s += l;
      }
      return s;
    }

    /**
     * ∂L/∂W = xᵀ δ into a column-major [h, V] array and ∂L/∂b = Σ_rows δ into [V] (both fully
     * written, zero off the sampled words): each word's column summed over its rows in row order,
     * the threads taking ranges of words.
     */
    void weightGradient(float[] x, int vocabulary, float[] gW, float[] gb, ParallelSlices slices) {
      // the pairs regrouped by word (counting sort; rows stay ascending within a word)
      int nnz = ptr[rows];
      int[] start = new int[vocabulary + 1];
      for (int k = 0; k < nnz; k++) {
        start[word[k] + 1]++;
      }
      for (int t = 0; t < vocabulary; t++) {
        start[t + 1] += start[t];
      }
      int[] next = Arrays.copyOf(start, vocabulary);
      int[] rowOf = new int[nnz];
      float[] deltaOf = new float[nnz];
      for (int r = 0; r < rows; r++) {
        for (int k = ptr[r]; k < ptr[r + 1]; k++) {
          int at = next[word[k]]++;
          rowOf[at] = r;
          deltaOf[at] = delta[k];
        }
      }
      slices.run(vocabulary, 256, 1, (from, to) -> {
        Arrays.fill(gW, from * h, to * h, 0f);
        for (int t = from; t < to; t++) {
          float b = 0f;
          int col = t * h;
          for (int k = start[t]; k < start[t + 1]; k++) {
            float d = deltaOf[k];
            int xr = rowOf[k] * h;
            for (int i = 0; i < h; i++) {
              gW[col + i] += d * x[xr + i];
            }
            b += d;
          }
          gb[t] = b;
        }
      });
    }

    /** ∂L/∂x = δ Wᵀ, [rows, h] row-major, each row by one thread. */
    float[] inputGradient(float[] w, ParallelSlices slices) {
      float[] eps = new float[rows * h];
      slices.run(rows, 8, 1, (from, to) -> {
        for (int r = from; r < to; r++) {
          int er = r * h;
          for (int k = ptr[r]; k < ptr[r + 1]; k++) {
            float d = delta[k];
            int col = word[k] * h;
            for (int i = 0; i < h; i++) {
              eps[er + i] += d * w[col + i];
            }
          }
        }
      });
      return eps;
    }
  }
}
