package io.semhash.codes;

import static io.semhash.testing.BitLikelihood.negativeLogLikelihood;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class AsymmetricDistanceTest {

  private static float[] randomLogits(int bits, SplittableRandom r) {
    float[] l = new float[bits];
    for (int k = 0; k < bits; k++) {
      l[k] = (float) ((r.nextDouble() - 0.5) * 8);
    }
    return l;
  }

  @Test
  void differencesEqualTheQuerysLogLikelihoodDifferences() {
    SplittableRandom r = new SplittableRandom(3);
    for (int bits : new int[] {8, 64, 100, 130}) {
      float[] logits = randomLogits(bits, r);
      AsymmetricDistance d = AsymmetricDistance.of(logits);
      // the query's own code is the most likely one, at distance 0
      assertThat(d.distance(d.query())).isZero();
      double base = negativeLogLikelihood(logits, d.query());
      for (int t = 0; t < 50; t++) {
        BitCode c = BitCode.random(bits, r);
        assertThat(d.distance(c)).as("%d bits", bits).isCloseTo(negativeLogLikelihood(logits, c) - base, within(1e-6));
      }
    }
  }

  @Test
  void theQueryCodeIsOneWhereTheLogitIsPositiveAndFlippingASureBitCostsMore() {
    float[] logits = {4f, -0.1f, 0.2f, -3f, 0f, 1f, -1f, 2f};
    AsymmetricDistance d = AsymmetricDistance.of(logits);
    assertThat(d.query().toBitString()).isEqualTo(BitCode.fromPositive(logits).toBitString());
    assertThat(d.distance(d.query().flip(0))).isEqualTo(4.0, within(1e-6));
    assertThat(d.distance(d.query().flip(1))).isEqualTo(0.1, within(1e-6));
    assertThat(d.distance(d.query().flip(0).flip(3))).isEqualTo(7.0, within(1e-6));
  }

  @Test
  void rerankSortsByLikelihoodKeepingTheGivenOrderOnTies() {
    SplittableRandom r = new SplittableRandom(5);
    float[] logits = randomLogits(64, r);
    AsymmetricDistance d = AsymmetricDistance.of(logits);
    List<BitCode> candidates = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      candidates.add(BitCode.random(64, r));
    }
    candidates.add(5, candidates.get(17)); // an exact tie: the earlier position first
    int[] expected = IntStream.range(0, candidates.size()).boxed()
        .sorted(Comparator.comparingDouble((Integer i) -> negativeLogLikelihood(logits, candidates.get(i)))
            .thenComparingInt(i -> i))
        .mapToInt(Integer::intValue).toArray();
    assertThat(d.rerank(candidates)).containsExactly(expected);
  }

  @Test
  void refusesCodesOfAnotherLengthAndLogitsThatAreNotNumbers() {
    AsymmetricDistance d = AsymmetricDistance.of(new float[16]);
    assertThatThrownBy(() -> d.distance(BitCode.zeros(32))).hasMessageContaining("a 32-bit code against a 16-bit query");
    float[] bad = new float[16];
    bad[3] = Float.NaN;
    assertThatThrownBy(() -> AsymmetricDistance.of(bad)).hasMessageContaining("logit 3 is NaN");
  }
}
