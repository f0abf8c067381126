package io.semhash.explain;

import io.semhash.codes.BitCode;
import io.semhash.text.SparseVector;
import io.semhash.text.Vocabulary;
import java.util.Arrays;
import java.util.List;

/**
 * Which words set the documents with a bit on apart from those with it off, over a corpus's own
 * codes: the log-odds ratio with an informative Dirichlet prior of Monroe, Colaresi and Quinn
 * (2008, "Fightin' Words", §3.5), z-scored, times the word's exclusivity to the bit.
 *
 * <p>A word occurring tf times in a document counts 1 + ln tf there, as in the model's tf-idf
 * ({@link Counting#LOG_TF}: raw counts let a word repeated thousands of times in a few posts, such
 * as the "ax" of uuencoded binaries, top every list; {@link Counting#PRESENCE} counts documents
 * instead). For bit i, let y⁺_w and y⁻_w be the counts of word w in the
 * documents with the bit on and off, n⁺ and n⁻ their sums over the words, y_w = y⁺_w + y⁻_w and
 * n = n⁺ + n⁻. The prior is the corpus itself at weight c ({@value #PRIOR} by default): α_w = c ·
 * y_w, α₀ = c · n. It shrinks the log-odds of rare words towards zero, where the raw ratio would
 * put a word seen twice, both times with the bit on, at the top. Then
 * δ_w = log((y⁺_w + α_w) / (n⁺ + α₀ − y⁺_w − α_w)) − log((y⁻_w + α_w) / (n⁻ + α₀ − y⁻_w − α_w)),
 * σ²_w ≈ 1/(y⁺_w + α_w) + 1/(y⁻_w + α_w), and z_w = δ_w / σ_w: positive for words of the bit's on
 * side, negative for its off side. The score ({@link Score}) is by default z times the word's
 * exclusivity to the bit ({@link Score#EXCLUSIVE}): a bit is a half-space, and the bits leaning
 * towards one large theme all have its words at the top of their plain z lists.
 *
 * <p>A word is listed only when it is in at least {@link #documentFloor} documents (at least
 * {@value #MIN_DOCUMENTS} and {@value #MIN_DOCUMENT_SHARE} of the corpus: a name seen in a handful
 * of posts cannot top a list) and has the {@linkplain WordShape#isWord shape of a word}; a bit on
 * or off in fewer documents than that lists no words (its contrast would be those few documents'
 * own words). The defaults were chosen on the train split of 20 Newsgroups by NPMI coherence
 * times topic diversity (docs/RESULTS.md, "Readable bit words").
 */
public final class BitContrast {
  /** Fewest documents a listed word is in. */
  public static final int MIN_DOCUMENTS = 5;
  /** Smallest share of the documents a listed word is in. */
  public static final double MIN_DOCUMENT_SHARE = 0.02;
  /** The prior's weight as a share of the corpus: α_w = {@value} · y_w (docs/RESULTS.md compares weights). */
  public static final double PRIOR = 0.01;

  /**
   * The least |z| an {@link Score#EXCLUSIVE} score keeps (a two-sided 0.1% level, as every word of the
   * vocabulary is tested for every bit): exclusivity would
   * otherwise lift a word that leans a little to one bit by chance above a theme's words, whose
   * scores are spread over the bits leaning to the theme.
   */
  public static final double SIGNIFICANT = 3.29;

  /** What a word counts in a document. */
  public enum Counting {
    /** 1 + ln tf: repeats count, but less and less. */
    LOG_TF,
    /**
     * Whether a document holds the word: y⁺_w is the number of documents with the bit on that hold
     * it and n⁺ the number of documents with the bit on (likewise off), so δ_w compares the word's
     * document shares on either side (binomial log-odds, σ² with both outcomes' terms) — the unit
     * NPMI coherence counts in. A word spread evenly over the corpus scores near zero whatever the
     * lengths of the documents on either side.
     */
    PRESENCE
  }

  /** How a word's log-odds ratio δ_w becomes its score. */
  public enum Score {
    /** δ_w / σ_w: how sure the difference is; rare words' large ratios count for little. */
    Z,
    /**
     * δ_w · P(w | on), with P(w | on) = (y⁺_w + α_w) / (n⁺ + α₀): the word's share of the on side
     * times its log-odds, a frequency-weighted log-odds that prefers the on side's common words.
     */
    FREQUENCY_WEIGHTED,
    /**
     * z_i(w) · z⁺_i(w) / Σ_j z⁺_j(w), z⁺ = max(z, 0), for the on side (and likewise with the
     * negative parts for the off side), 0 where |z_i(w)| is below {@value #SIGNIFICANT}: the
     * z-score times the word's exclusivity to the bit, the
     * share of its positive scores over all bits that this bit holds (after the exclusivity of FREX,
     * Bischof and Airoldi 2012). Bits are correlated half-spaces: without it, the words of the
     * largest themes ("god", "windows") head the lists of every bit leaning towards them.
     */
    EXCLUSIVE
  }

  /**
   * How the contrast is counted and scored.
   *
   * @param prior the prior's weight c as a share of the corpus, α_w = c · y_w; positive
   * @param minDocumentShare the document floor's share of the corpus, in [0, 1) (at least {@value
   *     #MIN_DOCUMENTS} documents in any case)
   * @param counting what a word counts in a document
   * @param score how the log-odds ratio becomes the ranking score
   */
  public record Options(double prior, double minDocumentShare, Counting counting, Score score) {
    /** The defaults (docs/RESULTS.md, "Readable bit words", says how they were chosen). */
    public static final Options DEFAULT = new Options(PRIOR, MIN_DOCUMENT_SHARE, Counting.LOG_TF, Score.EXCLUSIVE);

    public Options {
      if (!(prior > 0) || Double.isInfinite(prior)) {
        throw new IllegalArgumentException("the prior's weight must be a positive number, got " + prior);
      }
      if (!(minDocumentShare >= 0 && minDocumentShare < 1)) {
        throw new IllegalArgumentException("the document floor's share must be in [0, 1), got " + minDocumentShare);
      }
      java.util.Objects.requireNonNull(counting, "counting");
      java.util.Objects.requireNonNull(score, "score");
    }

    /** These options with the prior's weight {@code c}. */
    public Options withPrior(double c) {
      return new Options(c, minDocumentShare, counting, score);
    }
  }

  private final int bits;
  private final int vocabularySize;
  private final float[] z;
  private final boolean[] listable;
  private final int documentFloor;
  private final int documents;

  private BitContrast(int bits, int vocabularySize, float[] z, boolean[] listable, int documentFloor, int documents) {
    this.bits = bits;
    this.vocabularySize = vocabularySize;
    this.z = z;
    this.listable = listable;
    this.documentFloor = documentFloor;
    this.documents = documents;
  }

  /**
   * The contrast of every bit over a corpus.
   *
   * @param codes the documents' codes
   * @param counts the documents' term counts over {@code vocabulary}, aligned with {@code codes}
   */
  public static BitContrast of(int bits, Vocabulary vocabulary, List<BitCode> codes, List<SparseVector> counts) {
    return of(bits, vocabulary, codes, counts, Options.DEFAULT);
  }

  /**
   * The contrast with a prior of weight {@code prior} (α_w = prior · y_w).
   *
   * @param codes the documents' codes
   * @param counts the documents' term counts over {@code vocabulary}, aligned with {@code codes}
   */
  public static BitContrast of(
      int bits, Vocabulary vocabulary, List<BitCode> codes, List<SparseVector> counts, double prior) {
    return of(bits, vocabulary, codes, counts, Options.DEFAULT.withPrior(prior));
  }

  /**
   * The contrast counted and scored as {@code options} say.
   *
   * @param codes the documents' codes
   * @param counts the documents' term counts over {@code vocabulary}, aligned with {@code codes}
   */
  public static BitContrast of(
      int bits, Vocabulary vocabulary, List<BitCode> codes, List<SparseVector> counts, Options options) {
    double prior = options.prior();
    if (codes.size() != counts.size()) {
      throw new IllegalArgumentException(codes.size() + " codes but " + counts.size() + " count vectors");
    }
    int v = vocabulary.size();
    double[] yOn = new double[bits * v];
    double[] nOn = new double[bits];
    int[] documentsOn = new int[bits];
    double[] y = new double[v];
    int[] df = new int[v];
    double n = 0;
    for (int d = 0; d < codes.size(); d++) {
      BitCode code = codes.get(d);
      if (code.bits() != bits) {
        throw new IllegalArgumentException("code " + d + " has " + code.bits() + " bits, expected " + bits);
      }
      int[] terms = counts.get(d).indices();
      float[] values = counts.get(d).values();
      double tokens = 0;
      double[] weight = new double[terms.length];
      for (int k = 0; k < terms.length; k++) {
        weight[k] = options.counting() == Counting.PRESENCE ? 1 : 1 + Math.log(values[k]);
        y[terms[k]] += weight[k];
        df[terms[k]]++;
        tokens += weight[k];
      }
      if (options.counting() == Counting.PRESENCE) {
        tokens = 1; // the trials are documents: n⁺, n⁻ count documents, and y_w / n is the word's document share
      }
      n += tokens;
      for (int i = 0; i < bits; i++) {
        if (code.get(i)) {
          nOn[i] += tokens;
          documentsOn[i]++;
          int row = i * v;
          for (int k = 0; k < terms.length; k++) {
            yOn[row + terms[k]] += weight[k];
          }
        }
      }
    }
    int floor = Math.max(MIN_DOCUMENTS, (int) Math.ceil(options.minDocumentShare() * codes.size()));
    float[] z = new float[bits * v];
    for (int i = 0; i < bits; i++) {
      double on = nOn[i];
      double off = n - on;
      if (documentsOn[i] < floor || codes.size() - documentsOn[i] < floor) {
        continue; // a bit on (or off) in fewer documents than a listed word must be in: its contrast is theirs alone
      }
      for (int t = 0; t < v; t++) {
        if (y[t] == 0) {
          continue;
        }
        double a = prior * y[t];
        double a0 = prior * n;
        double p = yOn[i * v + t];
        double m = y[t] - p;
        if (on + a0 - p - a <= 0 || off + a0 - m - a <= 0) {
          continue; // a word that is the whole corpus: no contrast to draw
        }
        double delta = Math.log((p + a) / (on + a0 - p - a)) - Math.log((m + a) / (off + a0 - m - a));
        z[i * v + t] = (float) (options.score() == Score.FREQUENCY_WEIGHTED
            ? delta * (p + a) / (on + a0)
            : delta / Math.sqrt(1 / (p + a) + 1 / (m + a) + (options.counting() == Counting.PRESENCE
                // a binomial's log-odds: a word may be in most documents, so the other outcome's term counts too
                ? 1 / (on + a0 - p - a) + 1 / (off + a0 - m - a) : 0)));
      }
    }
    if (options.score() == Score.EXCLUSIVE) {
      exclusive(z, bits, v);
    }
    boolean[] listable = new boolean[v];
    for (int t = 0; t < v; t++) {
      listable[t] = df[t] >= floor && WordShape.isWord(vocabulary.term(t));
    }
    return new BitContrast(bits, v, z, listable, floor, codes.size());
  }

  /** Scales each score by the word's exclusivity to its bit, on either side ({@link Score#EXCLUSIVE}). */
  private static void exclusive(float[] z, int bits, int v) {
    for (int t = 0; t < v; t++) {
      double positive = 0;
      double negative = 0;
      for (int i = 0; i < bits; i++) {
        float x = z[i * v + t];
        positive += Math.max(x, 0);
        negative += Math.max(-x, 0);
      }
      for (int i = 0; i < bits; i++) {
        float x = z[i * v + t];
        z[i * v + t] = Math.abs(x) < SIGNIFICANT ? 0 : (float) (x > 0 ? x * x / positive : -x * x / negative);
      }
    }
  }

  public int bits() {
    return bits;
  }

  /** Documents the contrast was counted on. */
  public int documents() {
    return documents;
  }

  /** Fewest documents a listed word is in, on this corpus. */
  public int documentFloor() {
    return documentFloor;
  }

  /** The z-scored log-odds ratio of {@code term} for bit {@code bit}: positive for the on side. */
  public double z(int bit, int term) {
    return z[bit * vocabularySize + term];
  }

  /** Whether {@code term} may be listed: above the document floor and shaped like a word. */
  public boolean listable(int term) {
    return listable[term];
  }

  /** The listable terms with the {@code k} highest positive scores of {@code bit}, best first. */
  public int[] topOn(int bit, int k) {
    return top(bit, k, 1);
  }

  /** The listable terms with the {@code k} most negative scores of {@code bit}, best first. */
  public int[] topOff(int bit, int k) {
    return top(bit, k, -1);
  }

  private int[] top(int bit, int k, int sign) {
    double[] score = new double[vocabularySize];
    for (int t = 0; t < vocabularySize; t++) {
      double s = sign * z[bit * vocabularySize + t];
      score[t] = listable[t] && s > 0 ? s : Double.NEGATIVE_INFINITY;
    }
    int[] best = BitMeanings.top(score, k);
    int kept = 0;
    while (kept < best.length && score[best[kept]] != Double.NEGATIVE_INFINITY) {
      kept++;
    }
    return Arrays.copyOf(best, kept);
  }
}
