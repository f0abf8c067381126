package io.semhash.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.semhash.codes.BitCode;
import io.semhash.model.ModelWeights;
import io.semhash.text.SparseVector;
import io.semhash.text.Vocabulary;
import io.semhash.text.VocabularyOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Bit meanings, explanations and bit health on hand-made decoders and codes. */
class BitMeaningsTest {
  // terms in vocabulary order (by document frequency): a b c d
  static final Vocabulary VOCABULARY = Vocabulary.fit(
      List.of(Set.of("a", "b", "c", "d"), Set.of("a", "b", "c"), Set.of("a", "b"), Set.of("a")),
      new VocabularyOptions(10, 1, 1.0, false));

  /** A model of 4 terms and 8 bits whose decoder is {@code w4} [8 × 4] and {@code b4}. */
  static ModelWeights weights(float[] w4, float[] b4) {
    List<ModelWeights.Matrix> m = new ArrayList<>();
    m.add(new ModelWeights.Matrix("W1", 4, 1, new float[4]));
    m.add(new ModelWeights.Matrix("b1", 1, 1, new float[1]));
    m.add(new ModelWeights.Matrix("W2", 1, 1, new float[1]));
    m.add(new ModelWeights.Matrix("b2", 1, 1, new float[1]));
    m.add(new ModelWeights.Matrix("W3", 1, 8, new float[8]));
    m.add(new ModelWeights.Matrix("b3", 1, 8, new float[8]));
    m.add(new ModelWeights.Matrix("W4", 8, 4, w4));
    m.add(new ModelWeights.Matrix("b4", 1, 4, b4));
    return new ModelWeights(m);
  }

  static final float[] W4 = new float[8 * 4]; // bits 2..7 mean nothing

  static {
    System.arraycopy(new float[] {
      3f, 1f, -2f, 0f, // bit 0: a up, c down
      0f, -1f, 0.5f, 2f}, 0, W4, 0, 8); // bit 1: d up, b down
  }
  static final float[] B4 = {0f, 2f, 1f, -1f};

  static double logSoftmax(double[] z, int w) {
    double max = Double.NEGATIVE_INFINITY;
    for (double x : z) {
      max = Math.max(max, x);
    }
    double s = 0;
    for (double x : z) {
      s += Math.exp(x - max);
    }
    return z[w] - max - Math.log(s);
  }

  @Test
  void changesInLogProbabilityAndProbabilityMatchADirectComputation() {
    BitMeanings meanings = BitMeanings.of(weights(W4, B4), VOCABULARY);
    for (int bit = 0; bit < 2; bit++) {
      double[] on = new double[4];
      double[] off = new double[4];
      for (int t = 0; t < 4; t++) {
        off[t] = B4[t];
        for (int j = 0; j < 8; j++) {
          off[t] += j == bit ? 0 : 0.5 * W4[j * 4 + t];
        }
        on[t] = off[t] + W4[bit * 4 + t];
      }
      for (BitWord w : meanings.bit(bit).on()) {
        int t = VOCABULARY.indexOf(w.term());
        assertThat(w.weight()).isEqualTo(W4[bit * 4 + t], within(1e-6));
        assertThat(w.deltaLogProb()).isCloseTo(logSoftmax(on, t) - logSoftmax(off, t), within(1e-9));
        assertThat(w.deltaProb()).isCloseTo(Math.exp(logSoftmax(on, t)) - Math.exp(logSoftmax(off, t)), within(1e-9));
      }
    }
  }

  @Test
  void onWordsRankByWeightOffWordsByNegativeWeight() {
    BitMeanings meanings = BitMeanings.of(weights(W4, B4), VOCABULARY);
    assertThat(meanings.bit(0).onTerms(4)).containsExactly("a", "b", "d", "c");
    assertThat(meanings.bit(0).offTerms(1)).containsExactly("c");
    assertThat(meanings.bit(1).onTerms(2)).containsExactly("d", "c");
    assertThat(meanings.bit(1).offTerms(1)).containsExactly("b");
    // the change in log-probability orders words as the weight does
    List<BitWord> on = meanings.bit(1).on();
    for (int i = 1; i < on.size(); i++) {
      assertThat(on.get(i).deltaLogProb()).isLessThanOrEqualTo(on.get(i - 1).deltaLogProb());
    }
    assertThat(meanings.top(2)).allSatisfy(m -> assertThat(m.on()).hasSize(2));
  }

  @Test
  void explanationSplitsBitsAndScoresTheResultsWordsByTheSharedBits() {
    BitMeanings meanings = BitMeanings.of(weights(W4, B4), VOCABULARY);
    BitCode left = BitCode.of(8, 0b01L); // bit 0 on, bit 1 off, bits 2..7 off
    BitCode right = BitCode.of(8, 0b11L); // bits 0 and 1 on
    // the result holds a twice, b, c and d: the shared bits (0 on; 2..7 off, weightless) favour
    // each term w by 0.5 * W4[0, w]: a 1.5, b 0.5, c -1, d 0
    SparseVector counts = new SparseVector(new int[] {0, 1, 2, 3}, new float[] {2f, 1f, 1f, 1f});
    MatchExplanation e = MatchExplanation.of(meanings, VOCABULARY, null, left, "r", right, counts);
    assertThat(e.distance()).isEqualTo(1);
    assertThat(e.differing()).extracting(MatchExplanation.ExplainedBit::bit).containsExactly(1);
    assertThat(e.differing().get(0).left()).isZero();
    assertThat(e.differing().get(0).right()).isOne();
    assertThat(e.differing().get(0).on()).startsWith("d", "c");
    assertThat(e.shared()).extracting(MatchExplanation.ExplainedBit::bit).containsExactly(0, 2, 3, 4, 5, 6, 7);
    assertThat(e.shared().get(0).on()).startsWith("a", "b");
    assertThat(e.matchWords()).extracting(MatchExplanation.MatchWord::term).containsExactly("a", "b");
    assertThat(e.matchWords().get(0).count()).isEqualTo(2);
    assertThat(e.matchWords().get(0).score()).isCloseTo(1.5, within(1e-6));
    assertThat(e.leftCode()).isEqualTo(left.toHex());
    assertThat(e.rightId()).isEqualTo("r");
  }

  @Test
  void deadAndRedundantBits() {
    List<BitCode> codes = new ArrayList<>();
    java.util.SplittableRandom r = new java.util.SplittableRandom(1);
    for (int d = 0; d < 400; d++) {
      boolean x = r.nextBoolean();
      boolean y = r.nextBoolean();
      boolean z = r.nextBoolean();
      // bit 0 always on; bit 1 = x; bit 2 = x; bit 3 = not x; bit 4 = y; bit 5 = z; bit 6 on twice; bit 7 = y or z
      long w = 1L | (x ? 2L : 0) | (x ? 4L : 0) | (x ? 0 : 8L) | (y ? 16L : 0) | (z ? 32L : 0) | (d < 2 ? 64L : 0)
          | (y || z ? 128L : 0);
      codes.add(BitCode.of(8, w));
    }
    BitHealth h = BitHealth.of(8, codes);
    assertThat(h.dead()).containsExactly(0, 6);
    assertThat(h.onRate()[0]).isEqualTo(1.0);
    assertThat(h.onRate()[6]).isEqualTo(2 / 400.0);
    assertThat(h.redundant()).extracting(BitHealth.RedundantPair::i, BitHealth.RedundantPair::j)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(1, 2), org.assertj.core.groups.Tuple.tuple(1, 3),
            org.assertj.core.groups.Tuple.tuple(2, 3));
    assertThat(h.redundantBits()).isEqualTo(2); // bits 2 and 3 repeat bit 1
    assertThat(h.correlation()[1][3]).isEqualTo(-1.0);
    assertThat(Math.abs(h.correlation()[4][5])).isLessThan(0.2);
    assertThat(h.correlation()[4][7]).isBetween(0.4, 0.8); // correlated, not redundant
    assertThat(h.correlation()[0][1]).isEqualTo(0.0); // a constant bit has no correlation
  }
}
