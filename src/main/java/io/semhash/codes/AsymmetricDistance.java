package io.semhash.codes;

import java.util.Arrays;
import java.util.List;

/**
 * The distance of a stored code from a query that is still a vector of bit logits: the query's
 * negative log-likelihood of the code's bits under independent Bernoulli(σ(l_k)), up to a constant
 * that does not depend on the code. For bit k the two outcomes differ in log-likelihood by exactly
 * l_k (log σ(l) − log σ(−l) = l), so the distance is Σ |l_k| over the bits where the code differs
 * from the query's own code 1[l > 0]: a Hamming distance in which the bits the query is sure of
 * count more than those near ½. Stored codes stay binary; only the query keeps its confidences.
 *
 * <p>Used to re-rank the first Hamming candidates ({@link #CANDIDATES}): ranking a whole database
 * this way would give up the index. Binary codes only; a categorical code's groups have other
 * likelihoods.
 */
public final class AsymmetricDistance {
  /** Hamming candidates a re-rank reorders (at least the page asked for): one place for the depth. */
  public static final int CANDIDATES = 1000;

  private final BitCode query;
  private final float[] weights;

  private AsymmetricDistance(BitCode query, float[] weights) {
    this.query = query;
    this.weights = weights;
  }

  /** The distance for a query whose bit logits are {@code logits}, one per bit. */
  public static AsymmetricDistance of(float[] logits) {
    BitCode.checkBits(logits.length);
    float[] w = new float[logits.length];
    for (int i = 0; i < logits.length; i++) {
      if (!Float.isFinite(logits[i])) {
        throw new IllegalArgumentException("logit " + i + " is " + logits[i] + "; logits must be finite");
      }
      w[i] = Math.abs(logits[i]);
    }
    return new AsymmetricDistance(BitCode.fromPositive(logits), w);
  }

  /** The query's own code, 1[l > 0]: what a Hamming search starts from. */
  public BitCode query() {
    return query;
  }

  /** Σ |l_k| over the bits where {@code code} differs from {@link #query()}. */
  public double distance(BitCode code) {
    if (code.bits() != query.bits()) {
      throw new IllegalArgumentException("a " + code.bits() + "-bit code against a " + query.bits() + "-bit query");
    }
    double d = 0;
    for (int w = 0; w < query.wordCount(); w++) {
      long x = query.word(w) ^ code.word(w);
      while (x != 0) {
        d += weights[(w << 6) + Long.numberOfTrailingZeros(x)];
        x &= x - 1;
      }
    }
    return d;
  }

  /**
   * The positions of {@code candidates} ordered by this distance, ties in their given order (the
   * Hamming ranking's own order, so that equal scores keep the index's tie rule).
   */
  public int[] rerank(List<BitCode> candidates) {
    int n = candidates.size();
    double[] d = new double[n];
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      d[i] = distance(candidates.get(i));
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(d[a], d[b]));
    return Arrays.stream(order).mapToInt(Integer::intValue).toArray();
  }
}
