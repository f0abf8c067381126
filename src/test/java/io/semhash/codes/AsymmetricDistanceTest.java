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

  /** A code of {@code shape} with uniformly random classes. */
  private static BitCode randomCode(CodeShape shape, SplittableRandom r) {
    int[] classes = new int[shape.groups()];
    for (int g = 0; g < classes.length; g++) {
      classes[g] = r.nextInt(shape.classes());
    }
    return shape.encode(classes);
  }

  /** The query's code with {@code changes} random groups given another class: candidates a symbol search would find. */
  private static BitCode near(CodeShape shape, BitCode query, int changes, SplittableRandom r) {
    int[] classes = new int[shape.groups()];
    for (int g = 0; g < classes.length; g++) {
      classes[g] = shape.classOf(query, g);
    }
    for (int t = 0; t < changes; t++) {
      int g = r.nextInt(classes.length);
      classes[g] = (classes[g] + 1 + r.nextInt(shape.classes() - 1)) % shape.classes();
    }
    return shape.encode(classes);
  }

  @Test
  void categoricalDifferencesEqualTheQuerysSoftmaxLogLikelihoodDifferences() {
    SplittableRandom r = new SplittableRandom(7);
    // aligned groups (4, 16, 256 classes) and groups straddling words (8 and 32 classes)
    for (CodeSpec spec : new CodeSpec[] {CodeSpec.categorical(32, 4), CodeSpec.categorical(16, 16),
        CodeSpec.categorical(22, 8), CodeSpec.categorical(13, 32), CodeSpec.categorical(8, 256), CodeSpec.categorical(40, 2)}) {
      CodeShape shape = spec.shape();
      float[] logits = randomLogits(spec.logits(), r);
      AsymmetricDistance d = AsymmetricDistance.of(spec, logits);
      assertThat(d.shape()).isEqualTo(shape);
      assertThat(d.query()).isEqualTo(spec.code(logits));
      assertThat(d.distance(d.query())).isZero();
      double base = negativeLogLikelihood(spec, logits, d.query());
      for (int t = 0; t < 60; t++) {
        BitCode c = t % 2 == 0 ? randomCode(shape, r) : near(shape, d.query(), 1 + r.nextInt(4), r);
        assertThat(d.distance(c)).as("%s, code %d", spec, t)
            .isCloseTo(negativeLogLikelihood(spec, logits, c) - base, within(1e-5));
      }
      // the least likely code: each group's least likely class
      int[] worst = new int[shape.groups()];
      for (int g = 0; g < worst.length; g++) {
        for (int c = 1; c < shape.classes(); c++) {
          if (logits[g * shape.classes() + c] < logits[g * shape.classes() + worst[g]]) {
            worst[g] = c;
          }
        }
      }
      BitCode least = shape.encode(worst);
      assertThat(d.maximum()).as("%s", spec).isCloseTo(negativeLogLikelihood(spec, logits, least) - base, within(1e-5));
    }
  }

  @Test
  void twoClassCategoricalCodesAreTheBinaryDistanceOfTheLogitDifference() {
    SplittableRandom r = new SplittableRandom(11);
    int groups = 70;
    float[] pairs = randomLogits(2 * groups, r);
    pairs[6] = pairs[7]; // a tie: class 0 and bit 0 alike
    float[] bits = new float[groups];
    for (int g = 0; g < groups; g++) {
      bits[g] = pairs[2 * g + 1] - pairs[2 * g];
    }
    AsymmetricDistance categorical = AsymmetricDistance.of(CodeSpec.categorical(groups, 2), pairs);
    AsymmetricDistance binary = AsymmetricDistance.of(bits);
    assertThat(categorical.query()).isEqualTo(binary.query());
    assertThat(categorical.maximum()).isCloseTo(binary.maximum(), within(1e-5));
    for (int t = 0; t < 100; t++) {
      BitCode c = BitCode.random(groups, r);
      assertThat(categorical.distance(c)).isCloseTo(binary.distance(c), within(1e-5));
    }
  }

  @Test
  void theBinaryMaximumIsTheSumOfTheLogitsMagnitudesTheComplementsDistance() {
    float[] logits = randomLogits(100, new SplittableRandom(13));
    AsymmetricDistance d = AsymmetricDistance.of(logits);
    double sum = 0;
    for (float l : logits) {
      sum += Math.abs(l);
    }
    BitCode complement = d.query();
    for (int k = 0; k < 100; k++) {
      complement = complement.flip(k);
    }
    assertThat(d.maximum()).isCloseTo(sum, within(1e-9));
    assertThat(d.distance(complement)).isCloseTo(sum, within(1e-9));
  }

  @Test
  void categoricalRerankSortsBySoftmaxLikelihoodKeepingTheGivenOrderOnTies() {
    SplittableRandom r = new SplittableRandom(17);
    CodeSpec spec = CodeSpec.categorical(16, 16);
    float[] logits = randomLogits(spec.logits(), r);
    AsymmetricDistance d = AsymmetricDistance.of(spec, logits);
    List<BitCode> candidates = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      candidates.add(near(spec.shape(), d.query(), 1 + r.nextInt(8), r));
    }
    candidates.add(3, candidates.get(40)); // an exact tie: the earlier position first
    int[] expected = IntStream.range(0, candidates.size()).boxed()
        .sorted(Comparator.comparingDouble((Integer i) -> negativeLogLikelihood(spec, logits, candidates.get(i)))
            .thenComparingInt(i -> i))
        .mapToInt(Integer::intValue).toArray();
    assertThat(d.rerank(candidates)).containsExactly(expected);
  }

  @Test
  void refusesLogitsOfAnotherLengthForTheCode() {
    assertThatThrownBy(() -> AsymmetricDistance.of(CodeSpec.categorical(16, 4), new float[16]))
        .hasMessageContaining("takes 64 logits, got 16");
    float[] bad = new float[64];
    bad[9] = Float.POSITIVE_INFINITY;
    assertThatThrownBy(() -> AsymmetricDistance.of(CodeSpec.categorical(16, 4), bad)).hasMessageContaining("logit 9 is Infinity");
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
