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
   * {@code copies} copies each of two documents: one with bit 0 on and counts a:3 b:1, one with
   * bit 0 off and a:1 b:3 (plus one of each odd-shaped token in both). Bits 1..7 are off.
   */
  static BitContrast corpus(int copies) {
    List<BitCode> codes = new ArrayList<>();
    List<SparseVector> counts = new ArrayList<>();
    int a = VOCABULARY.indexOf("a");
    int b = VOCABULARY.indexOf("b");
    int host = VOCABULARY.indexOf("host.example.com");
    int number = VOCABULARY.indexOf("x1");
    for (int c = 0; c < copies; c++) {
      codes.add(BitCode.of(8, 1L));
      counts.add(vector(new int[] {a, b, host, number}, new float[] {3, 1, 1, 1}));
      codes.add(BitCode.of(8, 0L));
      counts.add(vector(new int[] {a, b, host, number}, new float[] {1, 3, 1, 1}));
    }
    return BitContrast.of(8, VOCABULARY, codes, counts);
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
    // 5 copies: n = 60 (30 on, 30 off); word a: y⁺ = 15, y⁻ = 5, α = y = 20, α₀ = 60
    // δ = ln(35 / (30 + 60 − 35)) − ln(25 / (30 + 60 − 25)) = ln(35/55) − ln(25/65) = 0.503526
    // σ² = 1/35 + 1/25 = 0.0685714, z = 0.503526 / 0.261861 = 1.922873
    BitContrast c = corpus(5);
    int a = VOCABULARY.indexOf("a");
    int b = VOCABULARY.indexOf("b");
    assertThat(c.z(0, a)).isCloseTo(1.922873, within(1e-5));
    assertThat(c.z(0, b)).isCloseTo(-1.922873, within(1e-5));
    // the odd shapes occur alike on both sides, and bit 1 is never on: no contrast
    assertThat(c.z(0, VOCABULARY.indexOf("host.example.com"))).isCloseTo(0, within(1e-6));
    assertThat(c.z(1, a)).isCloseTo(0, within(1e-6));
    assertThat(c.documentFloor()).isEqualTo(BitContrast.MIN_DOCUMENTS);
    assertThat(c.topOn(0, 10)).containsExactly(a);
    assertThat(c.topOff(0, 10)).containsExactly(b);
    assertThat(c.topOn(1, 10)).isEmpty();
  }

  @Test
  void wordsBelowTheDocumentFloorAreNotListed() {
    // 2 copies: every word is in 4 documents, fewer than MIN_DOCUMENTS
    BitContrast c = corpus(2);
    assertThat(c.z(0, VOCABULARY.indexOf("a"))).isPositive();
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
}
