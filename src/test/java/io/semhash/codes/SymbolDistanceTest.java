package io.semhash.codes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The packed kernel against {@link CodeShape#symbolDistance}, the class-by-class definition. */
class SymbolDistanceTest {

  @Test
  void handComputedDistances() {
    CodeShape shape = new CodeShape(3, 8); // 9 bits, 3 per group
    BitCode a = shape.encode(new int[] {0, 7, 0});
    BitCode b = shape.encode(new int[] {1, 7, 4}); // groups 0 and 2 differ, in one bit each
    BitCode c = shape.encode(new int[] {7, 0, 0}); // groups 0 and 1 differ, in three bits each
    SymbolDistance k = SymbolDistance.of(shape);
    assertThat(k.distance(a, b)).isEqualTo(2);
    assertThat(k.distance(a, c)).isEqualTo(2);
    assertThat(a.distance(c)).isEqualTo(6); // Hamming counts the bits
    assertThat(k.distance(b, c)).isEqualTo(3);
    assertThat(k.distance(a, a)).isZero();
  }

  @Test
  void aGroupStraddlingTwoWordsCountsOnce() {
    CodeShape shape = new CodeShape(22, 8); // group 21 = bits 63, 64, 65
    int[] classes = new int[22];
    BitCode zero = shape.encode(classes);
    SymbolDistance k = SymbolDistance.of(shape);
    for (int c = 1; c < 8; c++) {
      classes[21] = c; // low bit in word 0, the others in word 1, or both
      assertThat(k.distance(zero, shape.encode(classes))).as("class %d", c).isEqualTo(1);
    }
    classes[20] = 5;
    assertThat(k.distance(zero, shape.encode(classes))).isEqualTo(2);
    assertThat(k.aligned()).isFalse();
    assertThat(SymbolDistance.of(new CodeShape(16, 16)).aligned()).isTrue();
  }

  @Test
  void equalsTheDefinitionForEveryWidthAndWordCount() {
    SplittableRandom r = new SplittableRandom(3);
    for (int classes = 2; classes <= 256; classes *= 2) {
      int w = Integer.numberOfTrailingZeros(classes);
      for (int words = 1; words <= 5; words++) {
        for (int groups : new int[] {Math.max(1, (64 * words) / w), Math.max(1, (64 * words) / w - 1), (64 * (words - 1)) / w + 1}) {
          if (groups * w < BitCode.MIN_BITS) {
            continue;
          }
          CodeShape shape = new CodeShape(groups, classes);
          SymbolDistance k = SymbolDistance.of(shape);
          for (int t = 0; t < 200; t++) {
            BitCode a = BitCode.random(shape.bits(), r);
            BitCode b = t % 2 == 0 ? BitCode.random(shape.bits(), r) : changeSome(shape, a, r);
            assertThat(k.distance(a, b)).as("%s pair %d", shape, t).isEqualTo(shape.symbolDistance(a, b));
            long[] packed = new long[3 + 2 * a.wordCount()];
            a.copyTo(packed, 1);
            b.copyTo(packed, 2 + a.wordCount());
            assertThat(k.distance(packed, 1, packed, 2 + a.wordCount())).isEqualTo(shape.symbolDistance(a, b));
          }
        }
      }
    }
  }

  @Test
  void binaryShapeIsTheHammingDistance() {
    SplittableRandom r = new SplittableRandom(4);
    SymbolDistance k = SymbolDistance.of(CodeShape.binary(200));
    for (int t = 0; t < 100; t++) {
      BitCode a = BitCode.random(200, r);
      BitCode b = BitCode.random(200, r);
      assertThat(k.distance(a, b)).isEqualTo(a.distance(b));
    }
  }

  @Test
  void codesOfAnotherLengthAreRefused() {
    SymbolDistance k = SymbolDistance.of(new CodeShape(16, 4));
    assertThatThrownBy(() -> k.distance(BitCode.zeros(32), BitCode.zeros(64)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("16x4").hasMessageContaining("32 bits, got 64");
  }

  @Test
  void theOneHotFormSetsOneBitPerGroupAndDoublesTheDistance() {
    CodeShape shape = new CodeShape(3, 4);
    BitCode a = shape.encode(new int[] {2, 0, 3});
    BitCode b = shape.encode(new int[] {2, 1, 0});
    // bits g*4 + c: 2, 4, 11 and 2, 5, 8
    assertThat(shape.oneHot(a).toBitString()).isEqualTo("001010000001");
    assertThat(shape.oneHot(b).toBitString()).isEqualTo("001001001000");
    assertThat(shape.oneHot(a).distance(shape.oneHot(b))).isEqualTo(2 * shape.symbolDistance(a, b));
    assertThatThrownBy(() -> new CodeShape(8, 256).oneHot(BitCode.zeros(64)))
        .hasMessageContaining("2048 bits").hasMessageContaining("1024");
  }

  /** {@code a} with a few groups given a random class each. */
  private static BitCode changeSome(CodeShape shape, BitCode a, SplittableRandom r) {
    int[] classes = new int[shape.groups()];
    for (int g = 0; g < classes.length; g++) {
      classes[g] = shape.classOf(a, g);
    }
    for (int i = r.nextInt(4); i >= 0; i--) {
      classes[r.nextInt(classes.length)] = r.nextInt(shape.classes());
    }
    return shape.encode(classes);
  }
}
