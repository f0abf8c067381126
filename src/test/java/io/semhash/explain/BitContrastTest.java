package io.semhash.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.semhash.codes.BitCode;
import io.semhash.text.SparseVector;
import io.semhash.text.Vocabulary;
import io.semhash.text.VocabularyOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The log-odds contrast on hand-counted corpora, its document floor and the word shapes. */
class BitContrastTest {
  // vocabulary order by df then term: a, b, host.example.com, x1
  static final Vocabulary VOCABULARY = Vocabulary.fit(
      List.of(Set.of("a", "b", "host.example.com", "x1")), new VocabularyOptions(10, 1, 1.0, false));

  /**
   * {@code copies} copies each of two documents: one with bit 0 on and counts a:3 host:1 x1:1, one
   * with bit 0 off and a:1 b:2 host:1 x1:1. Bits 1..7 are off.
   */
  static BitContrast corpus(int copies) {
    return corpus(copies, BitContrast.Options.DEFAULT);
  }

  /** The log-odds of the first version: 1 + ln tf, z-scored, prior 0.1. */
  static final BitContrast.Options LOG_TF_Z =
      new BitContrast.Options(0.1, 0.002, BitContrast.Counting.LOG_TF, BitContrast.Score.Z);

  static BitContrast corpus(int copies, BitContrast.Options options) {
    List<BitCode> codes = new ArrayList<>();
    List<SparseVector> counts = new ArrayList<>();
    int a = VOCABULARY.indexOf("a");
    int b = VOCABULARY.indexOf("b");
    int host = VOCABULARY.indexOf("host.example.com");
    int number = VOCABULARY.indexOf("x1");
    for (int c = 0; c < copies; c++) {
      codes.add(BitCode.of(8, 1L));
      counts.add(vector(new int[] {a, host, number}, new float[] {3, 1, 1}));
      codes.add(BitCode.of(8, 0L));
      counts.add(vector(new int[] {a, b, host, number}, new float[] {1, 2, 1, 1}));
    }
    return BitContrast.of(8, VOCABULARY, codes, counts, options);
  }

  static SparseVector vector(int[] terms, float[] values) {
    int[] order = java.util.stream.IntStream.range(0, terms.length).boxed()
        .sorted((x, y) -> Integer.compare(terms[x], terms[y])).mapToInt(Integer::intValue).toArray();
    int[] t = new int[terms.length];
    float[] v = new float[terms.length];
    for (int k = 0; k < order.length; k++) {
      t[k] = terms[order[k]];
      v[k] = values[order[k]];
    }
    return new SparseVector(t, v);
  }

  @Test
  void zScoresMatchHandComputedLogOdds() {
    // 5 copies, a word of count tf counting 1 + ln tf: on documents a 1 + ln 3, host 1, x1 1;
    // off documents a 1, b 1 + ln 2, host 1, x1 1. n⁺ = 5 · (3 + ln 3) = 20.493061,
    // n⁻ = 5 · (4 + ln 2) = 23.465736, n = 43.958797; prior weight 0.1: α_w = 0.1 · y_w, α₀ = 0.1 · n
    // a: y⁺ = 5 · (1 + ln 3), y⁻ = 5; b: y⁺ = 0, y⁻ = 5 · (1 + ln 2); then
    // z = [ln((y⁺ + α) / (n⁺ + α₀ − y⁺ − α)) − ln((y⁻ + α) / (n⁻ + α₀ − y⁻ − α))] / √(1/(y⁺ + α) + 1/(y⁻ + α))
    // gives a: 2.297091, b: −2.340860
    BitContrast c = corpus(5, LOG_TF_Z);
    int a = VOCABULARY.indexOf("a");
    int b = VOCABULARY.indexOf("b");
    assertThat(c.z(0, a)).isCloseTo(2.297091, within(1e-5));
    assertThat(c.z(0, b)).isCloseTo(-2.340860, within(1e-5));
    // bit 1 is never on: no contrast
    assertThat(c.z(1, a)).isCloseTo(0, within(1e-6));
    assertThat(c.z(1, b)).isCloseTo(0, within(1e-6));
    assertThat(c.documentFloor()).isEqualTo(BitContrast.MIN_DOCUMENTS);
    // host.example.com and x1 score like a but are no words
    assertThat(c.z(0, VOCABULARY.indexOf("host.example.com"))).isPositive();
    assertThat(c.topOn(0, 10)).containsExactly(a);
    assertThat(c.topOff(0, 10)).containsExactly(b);
    assertThat(c.topOn(1, 10)).isEmpty();
  }

  @Test
  void presenceComparesDocumentSharesAndFrequencyWeightingScalesByTheOnShare() {
    // 5 copies: the trials are documents, n⁺ = 5 on, n⁻ = 5 off, n = 10; prior 0.01: α₀ = 0.1.
    // a (like host and x1) is in every document: no contrast. b is in 0 of the on and 5 of the off
    // documents, α_b = 0.05: δ = ln(0.05 / 5.05) − ln(5.05 / 0.05) = −9.230241,
    // σ² = 1/0.05 + 1/5.05 + 1/5.05 + 1/0.05 (both outcomes of each side), z = −1.452258;
    // frequency-weighted: δ · (y⁺ + α) / (n⁺ + α₀) = −9.230241 · 0.05 / 5.1 = −0.090493
    var presence = new BitContrast.Options(0.01, 0.002, BitContrast.Counting.PRESENCE, BitContrast.Score.Z);
    int a = VOCABULARY.indexOf("a");
    int b = VOCABULARY.indexOf("b");
    assertThat(corpus(5, presence).z(0, a)).isZero();
    assertThat(corpus(5, presence).z(0, b)).isCloseTo(-1.452258, within(1e-5));
    var weighted = new BitContrast.Options(0.01, 0.002, BitContrast.Counting.PRESENCE, BitContrast.Score.FREQUENCY_WEIGHTED);
    assertThat(corpus(5, weighted).z(0, b)).isCloseTo(-0.090493, within(1e-5));
    assertThat(corpus(5, weighted).topOn(0, 10)).isEmpty();
  }

  @Test
  void exclusiveScoresAreZTimesTheBitsShareOfTheWordsScores() {
    // three kinds of document, 100 copies each: bits 0 and 1 on with a and c; bit 0 on with a and b;
    // all off with b and c. "a" leans to both bits, so each holds only a share of it
    List<BitCode> codes = new ArrayList<>();
    List<SparseVector> counts = new ArrayList<>();
    int a = VOCABULARY.indexOf("a");
    int b = VOCABULARY.indexOf("b");
    int c = VOCABULARY.indexOf("x1");
    for (int k = 0; k < 100; k++) {
      codes.add(BitCode.of(8, 0b11L));
      counts.add(vector(new int[] {a, c}, new float[] {2, 1}));
      codes.add(BitCode.of(8, 0b01L));
      counts.add(vector(new int[] {a, b}, new float[] {1, 1}));
      codes.add(BitCode.of(8, 0L));
      counts.add(vector(new int[] {b, c}, new float[] {1, 3}));
    }
    var z = new BitContrast.Options(0.01, 0.002, BitContrast.Counting.PRESENCE, BitContrast.Score.Z);
    var exclusive = new BitContrast.Options(0.01, 0.002, BitContrast.Counting.PRESENCE, BitContrast.Score.EXCLUSIVE);
    BitContrast plain = BitContrast.of(8, VOCABULARY, codes, counts, z);
    BitContrast scaled = BitContrast.of(8, VOCABULARY, codes, counts, exclusive);
    int checked = 0;
    for (int t : new int[] {a, b, c}) {
      double positive = 0;
      double negative = 0;
      for (int i = 0; i < 8; i++) {
        positive += Math.max(plain.z(i, t), 0);
        negative += Math.max(-plain.z(i, t), 0);
      }
      for (int i = 0; i < 8; i++) {
        double x = plain.z(i, t);
        double expected = Math.abs(x) < BitContrast.SIGNIFICANT ? 0 : x > 0 ? x * x / positive : -x * x / negative;
        assertThat(scaled.z(i, t)).as("bit %d, term %d", i, t).isCloseTo(expected, within(1e-5));
        checked += Math.abs(x) >= BitContrast.SIGNIFICANT ? 1 : 0;
      }
    }
    assertThat(checked).as("scores that are not zero").isGreaterThanOrEqualTo(5);
    // "a" is on the on side of both bits, so its exclusive score is below its z for each
    assertThat(plain.z(0, a)).isPositive();
    assertThat(plain.z(1, a)).isPositive();
    assertThat(scaled.z(0, a)).isLessThan(plain.z(0, a));
  }

  @Test
  void wordsAndBitsBelowTheDocumentFloorAreNotListed() {
    // 2 copies: every word is in 4 documents, and the bit on in 2, fewer than MIN_DOCUMENTS
    BitContrast c = corpus(2);
    assertThat(c.listable(VOCABULARY.indexOf("a"))).isFalse();
    assertThat(c.z(0, VOCABULARY.indexOf("a"))).isZero();
    assertThat(corpus(5).listable(VOCABULARY.indexOf("a"))).isTrue();
    assertThat(c.topOn(0, 10)).isEmpty();
    assertThat(c.topOff(0, 10)).isEmpty();
  }

  @Test
  void hostNamesNumbersAndUnderscoresAreNotWords() {
    assertThat(WordShape.isWord("shuttle")).isTrue();
    assertThat(WordShape.isWord("don't")).isTrue();
    assertThat(WordShape.isWord("café")).isTrue();
    for (String odd : new String[] {"newton.apple.com", "gap.caltech.edu", "0d", "4u", "386dx", "_o", "a@b", "'tis", ""}) {
      assertThat(WordShape.isWord(odd)).as(odd).isFalse();
    }
    assertThat(corpus(5).listable(VOCABULARY.indexOf("host.example.com"))).isFalse();
    assertThat(corpus(5).listable(VOCABULARY.indexOf("x1"))).isFalse();
  }

  @Test
  void npmiMatchesHandComputedValues() {
    // documents {0,1}, {0,1}, {0}, {2}: P(0) = 3/4, P(1) = 1/2, P(0,1) = 1/2;
    // NPMI(0,1) = ln(0.5 / 0.375) / −ln 0.5 = 0.415037; 2 meets neither: −1 each
    List<SparseVector> docs = List.of(
        vector(new int[] {0, 1}, new float[] {1, 2}), vector(new int[] {0, 1}, new float[] {1, 1}),
        vector(new int[] {0}, new float[] {4}), vector(new int[] {2}, new float[] {1}));
    assertThat(Coherence.npmi(docs, 3, new int[] {0, 1})).isCloseTo(0.415037, within(1e-6));
    assertThat(Coherence.npmi(docs, 3, new int[] {1, 2})).isEqualTo(-1.0);
    assertThat(Coherence.npmi(docs, 3, new int[] {0, 1, 2})).isCloseTo((0.415037 - 2) / 3, within(1e-6));
    assertThat(Coherence.npmi(docs, 3, new int[] {0})).isNaN();
  }
}
