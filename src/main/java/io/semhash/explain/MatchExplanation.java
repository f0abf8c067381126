package io.semhash.explain;

import io.semhash.codes.BitCode;
import io.semhash.text.SparseVector;
import io.semhash.text.Vocabulary;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Why two codes are close: the bits they share and the bits that differ, each with its words, and
 * the words of the right-hand document (the result) that the shared bits predict best.
 *
 * <p>A shared bit with value s ∈ {0, 1} moves the decoder's logit of term w by (s − ½)·W4[bit, w]
 * against the {@link BitMeanings#CONTEXT context}, so the shared bits together favour w by
 * score(w) = Σ_shared (s − ½)·W4[bit, w] (on bits add their weight, off bits subtract it). The
 * {@link #matchWords} are the result's own terms with the highest positive score, those not shaped
 * like words (host names, numbers: {@link WordShape}) left out: the topic the two codes agree on,
 * in the result's words.
 *
 * @param leftId the left document's id; null when the left side is a query
 * @param rightId the right document's (the result's) id
 * @param bits code length
 * @param leftCode the left code, hex
 * @param rightCode the right code, hex
 * @param distance Hamming distance of the two codes
 * @param shared the bits with equal values, in bit order
 * @param differing the bits with different values, in bit order
 * @param matchWords the result's terms the shared bits favour most, best first
 */
public record MatchExplanation(
    String leftId,
    String rightId,
    int bits,
    String leftCode,
    String rightCode,
    int distance,
    List<ExplainedBit> shared,
    List<ExplainedBit> differing,
    List<MatchWord> matchWords) {
  /** Words shown per bit and side. */
  public static final int WORDS_PER_BIT = 5;
  /** Match words shown at most. */
  public static final int MATCH_WORDS = 10;

  public MatchExplanation {
    shared = List.copyOf(shared);
    differing = List.copyOf(differing);
    matchWords = List.copyOf(matchWords);
  }

  /**
   * One bit of the pair.
   *
   * @param left the bit in the left code (1 on, 0 off)
   * @param right the bit in the right code
   * @param on the terms the bit favours when on (stems, for programs)
   * @param off the terms it favours when off
   * @param onWords the words a person reads for {@code on}, in the same order
   * @param offWords the words a person reads for {@code off}
   */
  public record ExplainedBit(
      int bit, int left, int right, List<String> on, List<String> off, List<String> onWords, List<String> offWords) {
    public ExplainedBit {
      on = List.copyOf(on);
      off = List.copyOf(off);
      onWords = List.copyOf(onWords);
      offWords = List.copyOf(offWords);
    }
  }

  /**
   * A term of the result favoured by the shared bits.
   *
   * @param term the vocabulary term (a stem when the vocabulary is stemmed), for programs
   * @param word what a person reads for it: its most frequent surface form in the training corpus
   * @param count how often the term occurs in the result
   * @param score Σ over shared bits of (s − ½)·W4[bit, term]
   */
  public record MatchWord(String term, String word, int count, double score) {}

  /**
   * Explains a pair of codes.
   *
   * @param rightCounts the result's term counts over the model's vocabulary
   */
  public static MatchExplanation of(
      BitMeanings meanings, Vocabulary vocabulary, String leftId, BitCode left, String rightId, BitCode right,
      SparseVector rightCounts) {
    if (left.bits() != meanings.bits() || right.bits() != meanings.bits()) {
      throw new IllegalArgumentException("codes of " + left.bits() + " and " + right.bits() + " bits, model of " + meanings.bits());
    }
    List<ExplainedBit> shared = new ArrayList<>();
    List<ExplainedBit> differing = new ArrayList<>();
    for (int i = 0; i < meanings.bits(); i++) {
      BitMeaning m = meanings.bit(i);
      ExplainedBit b = new ExplainedBit(i, left.get(i) ? 1 : 0, right.get(i) ? 1 : 0,
          m.onTerms(WORDS_PER_BIT), m.offTerms(WORDS_PER_BIT), m.onWords(WORDS_PER_BIT), m.offWords(WORDS_PER_BIT));
      (left.get(i) == right.get(i) ? shared : differing).add(b);
    }
    List<MatchWord> words = new ArrayList<>();
    int[] terms = rightCounts.indices();
    float[] counts = rightCounts.values();
    for (int k = 0; k < terms.length; k++) {
      double score = 0;
      for (ExplainedBit b : shared) {
        score += (b.left() - BitMeanings.CONTEXT) * meanings.weight(b.bit(), terms[k]);
      }
      if (score > 0 && WordShape.isWord(vocabulary.term(terms[k]))) {
        words.add(new MatchWord(vocabulary.term(terms[k]), vocabulary.word(terms[k]), Math.round(counts[k]), score));
      }
    }
    words.sort(Comparator.comparingDouble(MatchWord::score).reversed().thenComparing(MatchWord::term));
    return new MatchExplanation(leftId, rightId, meanings.bits(), left.toHex(), right.toHex(), left.distance(right),
        shared, differing, words.subList(0, Math.min(MATCH_WORDS, words.size())));
  }
}
