package io.semhash.explain;

import io.semhash.model.ModelWeights;
import io.semhash.text.Vocabulary;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/**
 * What every bit of a model means, read off its linear decoder z = b4 + x·W4 (x the code, W4
 * [bits × V]), whose softmax over the vocabulary is the model's word distribution for a code.
 *
 * <p>For bit i, the other bits are held at the {@value #CONTEXT} {@link #CONTEXT context} (the
 * mean of the Bernoulli(½) prior the KL term pulls every bit towards, so the meaning depends on
 * the model alone, not on the corpus it is used with), and the bit is set on and off:
 * z_off = b4 + Σ_{j≠i} ½·W4[j], z_on = z_off + W4[i]. Then log p_on(w) − log p_off(w) =
 * W4[i, w] − (logsumexp z_on − logsumexp z_off): the change in log-probability ranks words exactly
 * as the decoder weight does (the normaliser shift is the same for every word), so one list serves
 * both; a second list ranks by the change in probability p_on(w) − p_off(w), which prefers
 * words common enough to matter over rare words with a large weight.
 *
 * <p>Computed from the weights when first asked for (a few passes over bits × V floats, some
 * milliseconds at 128 bits and 20,000 terms) rather than stored: it is a pure function of the
 * checksummed weights and vocabulary, so a stored copy could only go stale or need a checksum of
 * its own, and older model directories get meanings without a format change.
 */
public final class BitMeanings {
  /** The value the other bits are held at when one bit's meaning is read. */
  public static final double CONTEXT = 0.5;
  /** Words kept per list and bit; callers truncate with {@link BitMeaning#top}. */
  public static final int KEPT = 50;

  /** How a meaning's words are ranked. */
  public enum Rank {
    /** By the decoder weight (on, off) and the change in probability, from the model alone. */
    DECODER,
    /** By {@link BitContrast} over a corpus's codes, words of too few documents and non-word shapes left out. */
    CONTRAST
  }

  private final int bits;
  private final int vocabularySize;
  private final float[] w4;
  private final double[] base;
  private final double[] lseOn;
  private final double[] lseOff;
  private final Vocabulary vocabulary;
  private final Rank rank;
  private final List<BitMeaning> meanings;

  private BitMeanings(int bits, int vocabularySize, float[] w4, double[] base, double[] lseOn, double[] lseOff,
      Vocabulary vocabulary, Rank rank, List<BitMeaning> meanings) {
    this.bits = bits;
    this.vocabularySize = vocabularySize;
    this.w4 = w4;
    this.base = base;
    this.lseOn = lseOn;
    this.lseOff = lseOff;
    this.vocabulary = vocabulary;
    this.rank = rank;
    this.meanings = List.copyOf(meanings);
  }

  /** The meanings of the decoder in {@code weights}, words named by {@code vocabulary}. */
  public static BitMeanings of(ModelWeights weights, Vocabulary vocabulary) {
    ModelWeights.Matrix w = weights.get("W4");
    float[] b4 = weights.get("b4").data();
    int bits = w.rows();
    int v = w.cols();
    if (v != vocabulary.size() || b4.length != v) {
      throw new IllegalArgumentException("decoder of " + v + " terms, vocabulary of " + vocabulary.size());
    }
    float[] w4 = w.data();
    double[] base = new double[v]; // b4 + CONTEXT · Σ_j W4[j]
    for (int t = 0; t < v; t++) {
      base[t] = b4[t];
    }
    for (int j = 0; j < bits; j++) {
      for (int t = 0; t < v; t++) {
        base[t] += CONTEXT * w4[j * v + t];
      }
    }
    List<BitMeaning> meanings = new ArrayList<>(bits);
    double[] zOn = new double[v];
    double[] zOff = new double[v];
    double[] weight = new double[v];
    double[] deltaLog = new double[v];
    double[] deltaProb = new double[v];
    double[] negWeight = new double[v];
    double[] lseOns = new double[bits];
    double[] lseOffs = new double[bits];
    for (int i = 0; i < bits; i++) {
      for (int t = 0; t < v; t++) {
        weight[t] = w4[i * v + t];
        zOff[t] = base[t] - CONTEXT * weight[t];
        zOn[t] = zOff[t] + weight[t];
        negWeight[t] = -weight[t];
      }
      double lseOn = logSumExp(zOn);
      double lseOff = logSumExp(zOff);
      lseOns[i] = lseOn;
      lseOffs[i] = lseOff;
      for (int t = 0; t < v; t++) {
        deltaLog[t] = weight[t] - (lseOn - lseOff);
        deltaProb[t] = Math.exp(zOn[t] - lseOn) - Math.exp(zOff[t] - lseOff);
      }
      meanings.add(new BitMeaning(i,
          words(top(weight, KEPT), vocabulary, weight, deltaLog, deltaProb),
          words(top(deltaProb, KEPT), vocabulary, weight, deltaLog, deltaProb),
          words(top(negWeight, KEPT), vocabulary, weight, deltaLog, deltaProb)));
    }
    return new BitMeanings(bits, v, w4, base, lseOns, lseOffs, vocabulary, Rank.DECODER, meanings);
  }

  /**
   * These meanings with the words of each bit ranked by {@code contrast}: {@code on} and {@code
   * off} by its score, {@code onByProbability} by the decoder's change in probability among the
   * words {@code contrast} lets be listed. Every word keeps its decoder numbers.
   */
  public BitMeanings rankedBy(BitContrast contrast) {
    if (contrast.bits() != bits) {
      throw new IllegalArgumentException("contrast of " + contrast.bits() + " bits, model of " + bits);
    }
    List<BitMeaning> ranked = new ArrayList<>(bits);
    double[] deltaProb = new double[vocabularySize];
    for (int i = 0; i < bits; i++) {
      for (int t = 0; t < vocabularySize; t++) {
        deltaProb[t] = contrast.listable(t) ? deltaProb(i, t) : Double.NEGATIVE_INFINITY;
      }
      int[] byProbability = top(deltaProb, KEPT);
      List<BitWord> probable = new ArrayList<>();
      for (int t : byProbability) {
        if (deltaProb[t] != Double.NEGATIVE_INFINITY) {
          probable.add(word(i, t, contrast.z(i, t)));
        }
      }
      ranked.add(new BitMeaning(i, contrastWords(i, contrast.topOn(i, KEPT), contrast), probable,
          contrastWords(i, contrast.topOff(i, KEPT), contrast)));
    }
    return new BitMeanings(bits, vocabularySize, w4, base, lseOn, lseOff, vocabulary, Rank.CONTRAST, ranked);
  }

  private List<BitWord> contrastWords(int bit, int[] terms, BitContrast contrast) {
    List<BitWord> out = new ArrayList<>(terms.length);
    for (int t : terms) {
      out.add(word(bit, t, contrast.z(bit, t)));
    }
    return out;
  }

  private BitWord word(int bit, int t, Double contrast) {
    double weight = w4[bit * vocabularySize + t];
    return new BitWord(vocabulary.term(t), vocabulary.word(t), weight, weight - (lseOn[bit] - lseOff[bit]),
        deltaProb(bit, t), contrast);
  }

  private double deltaProb(int bit, int t) {
    double weight = w4[bit * vocabularySize + t];
    double zOff = base[t] - CONTEXT * weight;
    return Math.exp(zOff + weight - lseOn[bit]) - Math.exp(zOff - lseOff[bit]);
  }

  /** How the words of these meanings are ranked. */
  public Rank rank() {
    return rank;
  }

  public int bits() {
    return bits;
  }

  /** The meaning of bit {@code i}. */
  public BitMeaning bit(int i) {
    return meanings.get(i);
  }

  /** Every bit's meaning, each with at most {@code n} words per list. */
  public List<BitMeaning> top(int n) {
    return meanings.stream().map(m -> m.top(n)).toList();
  }

  /** The decoder weight W4[bit, term]. */
  public double weight(int bit, int term) {
    return w4[bit * vocabularySize + term];
  }

  private static List<BitWord> words(int[] terms, Vocabulary vocabulary, double[] weight, double[] deltaLog, double[] deltaProb) {
    List<BitWord> out = new ArrayList<>(terms.length);
    for (int t : terms) {
      out.add(new BitWord(vocabulary.term(t), vocabulary.word(t), weight[t], deltaLog[t], deltaProb[t], null));
    }
    return out;
  }

  /** Indices of the {@code k} largest scores, largest first (ties by lower index). */
  static int[] top(double[] score, int k) {
    PriorityQueue<Integer> heap = new PriorityQueue<>(
        (a, b) -> score[a] != score[b] ? Double.compare(score[a], score[b]) : Integer.compare(b, a));
    for (int t = 0; t < score.length; t++) {
      if (heap.size() == k && score[t] <= score[heap.peek()]) {
        continue;
      }
      heap.add(t);
      if (heap.size() > k) {
        heap.poll();
      }
    }
    int[] out = new int[heap.size()];
    for (int i = out.length - 1; i >= 0; i--) {
      out[i] = heap.poll();
    }
    return out;
  }

  private static double logSumExp(double[] z) {
    double max = Double.NEGATIVE_INFINITY;
    for (double x : z) {
      max = Math.max(max, x);
    }
    double sum = 0;
    for (double x : z) {
      sum += Math.exp(x - max);
    }
    return max + Math.log(sum);
  }
}
