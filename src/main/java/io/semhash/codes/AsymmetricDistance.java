package io.semhash.codes;

import java.util.Arrays;
import java.util.List;

/**
 * The distance of a stored code from a query that is still a vector of logits: the query's
 * negative log-likelihood of the code, relative to the query's own (most likely) code. Stored
 * codes stay as they are; only the query keeps its confidences.
 *
 * <ul>
 *   <li>Binary codes, one logit l_k per bit, bit k ~ Bernoulli(σ(l_k)): the two outcomes of bit k
 *       differ in log-likelihood by exactly |l_k| (log σ(l) − log σ(−l) = l), so the distance is
 *       Σ |l_k| over the bits where the code differs from the query's code 1[l &gt; 0]: a Hamming
 *       distance in which the bits the query is sure of count more than those near ½.
 *   <li>Categorical codes ({@link CodeSpec}: group g's block of C logits η_g), class of group g ~
 *       softmax(η_g): the distance is Σ_g [log p_g(mode_g) − log p_g(c_g)] over the groups, c_g the
 *       code's class and mode_g the query's (the arg-max, {@link CodeSpec#code}). Within a group
 *       the softmax's normaliser cancels, so each term is η_g,mode − η_g,c: zero where the classes
 *       agree, a symbol distance in which each disagreement costs what the query thinks of it.
 *       With two classes it is the binary distance of l = η₁ − η₀.
 * </ul>
 *
 * <p>Used to re-rank the first candidates by Hamming or symbol distance ({@link #CANDIDATES}):
 * ranking a whole database this way would give up the index. Immutable and thread-safe.
 */
public final class AsymmetricDistance {
  /** Candidates a re-rank reorders (at least the page asked for): one place for the depth. */
  public static final int CANDIDATES = 1000;

  private final CodeShape shape;
  private final BitCode query;
  /** Per group g and class c, at g·classes + c: log p_g(mode_g) − log p_g(c), zero at the mode. */
  private final double[] cost;
  private final double maximum;

  private AsymmetricDistance(CodeShape shape, BitCode query, double[] cost) {
    this.shape = shape;
    this.query = query;
    this.cost = cost;
    int classes = shape.classes();
    double most = 0;
    for (int g = 0; g < shape.groups(); g++) {
      double m = 0;
      for (int c = 0; c < classes; c++) {
        m = Math.max(m, cost[g * classes + c]);
      }
      most += m;
    }
    this.maximum = most;
  }

  /** The distance for a binary query whose bit logits are {@code logits}, one per bit. */
  public static AsymmetricDistance of(float[] logits) {
    return of(CodeSpec.binary(logits.length), logits);
  }

  /**
   * The distance for a query of {@code code}'s kind whose encoder logits are {@code logits} (one
   * per bit, or a block of {@code classes} per group, as {@link CodeSpec#logits} says). For a
   * categorical code, per-group log-probabilities serve as well as logits: a constant per group
   * cancels.
   *
   * @throws IllegalArgumentException when the length is not the code's or a logit is not finite
   */
  public static AsymmetricDistance of(CodeSpec code, float[] logits) {
    if (logits.length != code.logits()) {
      throw new IllegalArgumentException("a " + code + " code takes " + code.logits() + " logits, got " + logits.length);
    }
    for (int i = 0; i < logits.length; i++) {
      if (!Float.isFinite(logits[i])) {
        throw new IllegalArgumentException("logit " + i + " is " + logits[i] + "; logits must be finite");
      }
    }
    CodeShape shape = code.shape();
    BitCode query = code.code(logits);
    int classes = shape.classes();
    double[] cost = new double[shape.groups() * classes];
    for (int g = 0; g < shape.groups(); g++) {
      if (!code.categorical()) {
        // class 1 is the bit set: the other class costs |l|
        cost[2 * g + (logits[g] > 0 ? 0 : 1)] = Math.abs(logits[g]);
        continue;
      }
      int from = g * classes;
      double best = Double.NEGATIVE_INFINITY;
      for (int c = 0; c < classes; c++) {
        best = Math.max(best, logits[from + c]);
      }
      for (int c = 0; c < classes; c++) {
        cost[from + c] = best - logits[from + c];
      }
    }
    return new AsymmetricDistance(shape, query, cost);
  }

  /** The shape of the codes this measures. */
  public CodeShape shape() {
    return shape;
  }

  /** The query's own code (the sign of each logit, or each group's arg-max): what a Hamming or symbol search starts from. */
  public BitCode query() {
    return query;
  }

  /**
   * The largest distance, that of the least likely code (Σ |l_k| for a binary query; per group
   * the cost of its least likely class): the scale of a score 1 − distance / maximum.
   */
  public double maximum() {
    return maximum;
  }

  /** The cost of the classes of {@code code} that differ from the query's, summed over the groups (see the class comment). */
  public double distance(BitCode code) {
    if (code.bits() != query.bits()) {
      throw new IllegalArgumentException("a " + code.bits() + "-bit code against a " + query.bits() + "-bit query");
    }
    int w = shape.bitsPerGroup();
    int classes = shape.classes();
    double d = 0;
    int last = -1;
    for (int i = 0; i < query.wordCount(); i++) {
      long x = query.word(i) ^ code.word(i);
      while (x != 0) {
        int bit = (i << 6) + Long.numberOfTrailingZeros(x);
        x &= x - 1;
        int g = bit / w;
        if (g != last) { // a group whose classes differ, counted once however many of its bits do
          d += cost[g * classes + classAt(code, g * w, w)];
          last = g;
        }
      }
    }
    return d;
  }

  /** The {@code w} bits of {@code code} from {@code first} on, least significant first (a group may straddle two words). */
  private static int classAt(BitCode code, int first, int w) {
    int word = first >>> 6;
    int offset = first & 63;
    long v = code.word(word) >>> offset;
    if (offset + w > 64) {
      v |= code.word(word + 1) << (64 - offset);
    }
    return (int) (v & ((1L << w) - 1));
  }

  /**
   * The positions of {@code candidates} ordered by this distance, ties in their given order (the
   * Hamming or symbol ranking's own order, so that equal scores keep the index's tie rule).
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
