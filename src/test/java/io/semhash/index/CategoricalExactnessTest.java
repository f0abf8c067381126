package io.semhash.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.semhash.codes.BitCode;
import io.semhash.codes.CodeArray;
import io.semhash.codes.CodeShape;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Property tests for categorical codes: every index kind must return exactly what brute force by
 * {@link CodeShape#symbolDistance} (class by class) returns, for random and clustered codes, with
 * filters and deletes, for 2 to 256 classes, including the widths whose groups straddle two
 * words (8, 32, 64, 128 classes) and codes of one to five words.
 */
class CategoricalExactnessTest {

  @TempDir Path tmp;

  record Kind(String name, Function<CodeShape, HammingIndex> factory) {
    @Override
    public String toString() {
      return name;
    }
  }

  /** Forced MIH with substrings of about 12 bits of whole groups: every table small enough to enumerate. */
  private static int substringsOf12Bits(CodeShape shape) {
    int perSubstring = Math.max(1, 12 / shape.bitsPerGroup());
    return (shape.groups() + perSubstring - 1) / perSubstring;
  }

  static final List<Kind> KINDS = List.of(
      new Kind("scan", HammingScanIndex::create),
      new Kind("mih-one-group", s -> MultiIndexHashingIndex.create(s, new MultiIndexHashingIndex.Options(s.groups(), true))),
      new Kind("mih-12-bits", s -> MultiIndexHashingIndex.create(s, new MultiIndexHashingIndex.Options(substringsOf12Bits(s), true))),
      new Kind("auto", HammingIndex::create));

  static final List<CodeShape> SHAPES = List.of(
      new CodeShape(40, 2),
      new CodeShape(16, 4),
      new CodeShape(64, 4),
      new CodeShape(22, 8), // group 21 at bits 63..65 straddles two words
      new CodeShape(43, 8), // three words, two straddling groups
      new CodeShape(40, 16),
      new CodeShape(13, 32),
      new CodeShape(11, 64),
      new CodeShape(10, 128),
      new CodeShape(12, 256),
      new CodeShape(40, 256)); // five words

  static Stream<Arguments> cases() {
    List<Arguments> out = new ArrayList<>();
    for (Kind kind : KINDS) {
      for (CodeShape shape : SHAPES) {
        out.add(Arguments.of(kind, shape, true));
        if (kind.name.startsWith("mih")) { // random codes: far neighbours, every substring radius
          out.add(Arguments.of(kind, shape, false));
        }
      }
    }
    return out.stream();
  }

  private static CodeArray codes(CodeShape shape, int n, boolean clustered, SplittableRandom r) {
    return clustered ? BruteForce.clustered(shape, n, 12, 0.1, r) : BruteForce.random(shape.bits(), n, r);
  }

  @ParameterizedTest(name = "{0} {1} clustered={2}")
  @MethodSource("cases")
  void equalsBruteForceBySymbols(Kind kind, CodeShape shape, boolean clustered) {
    SplittableRandom r = new SplittableRandom(shape.hashCode() * 31L + (clustered ? 1 : 0) + kind.name.hashCode());
    // auto builds tables from 4096 codes on
    int n = kind.name.equals("auto") ? 5000 : 800;
    HammingIndex index = kind.factory.apply(shape);
    assertThat(index.shape()).isEqualTo(shape);
    ExactnessTest.fillAndCheck(index, new BruteForce(shape), codes(shape, n, clustered, r), r);
  }

  static Stream<Arguments> savedCases() {
    return Stream.of(new CodeShape(22, 8), new CodeShape(40, 16), new CodeShape(10, 128)).flatMap(s ->
        Stream.of(Arguments.of(s, false), Arguments.of(s, true)));
  }

  /** Saved and loaded (heap or memory-mapped, new codes then on the heap), still exact by symbols. */
  @ParameterizedTest(name = "{0} mmap={1}")
  @MethodSource("savedCases")
  void savedIndexLoadsWithItsShapeAndStaysExact(CodeShape shape, boolean mmap) throws IOException {
    SplittableRandom r = new SplittableRandom(shape.hashCode() + (mmap ? 7 : 0));
    CodeArray first = codes(shape, 600, true, r);
    HammingIndex saved = HammingScanIndex.create(shape);
    saved.addAll(first);
    saved.delete(3);
    Path dir = tmp.resolve(shape + "-" + mmap);
    saved.save(dir);
    HammingIndex loaded = HammingIndex.load(dir, mmap);
    assertThat(loaded.shape()).isEqualTo(shape);
    assertThat(loaded.isLive(3)).isFalse();
    BruteForce ref = new BruteForce(shape);
    for (int i = 0; i < first.size(); i++) {
      ref.add(first.get(i).toWords());
      assertThat(loaded.code(i)).isEqualTo(first.get(i));
    }
    ref.delete(3);
    CodeArray more = codes(shape, 300, true, r);
    for (int i = 0; i < more.size(); i++) {
      loaded.add(more.get(i));
      ref.add(more.get(i).toWords());
    }
    CodeArray all = CodeArray.create(shape.bits(), 900);
    for (int i = 0; i < 600; i++) {
      all.add(first.get(i));
    }
    for (int i = 0; i < 300; i++) {
      all.add(more.get(i));
    }
    ExactnessTest.check(loaded, ref, all, r, shape.bits());
  }

  /** Radius queries count symbols: a code two symbols away is inside radius 2 even when many bits differ. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("shapes")
  void radiusIsInSymbols(CodeShape shape) {
    int[] classes = new int[shape.groups()];
    BitCode origin = shape.encode(classes);
    int[] two = classes.clone();
    two[0] = shape.classes() - 1; // every bit of group 0 set
    two[shape.groups() - 1] = shape.classes() - 1;
    BitCode twoAway = shape.encode(two);
    int[] three = two.clone();
    three[1] = 1;
    BitCode threeAway = shape.encode(three);
    for (Kind kind : KINDS) {
      HammingIndex index = kind.factory.apply(shape);
      index.add(threeAway);
      index.add(twoAway);
      index.add(origin);
      assertThat(index.radius(origin, 2, null, 10).hits())
          .as("%s", kind)
          .containsExactly(new SearchResult.Hit(2, 0), new SearchResult.Hit(1, 2));
      assertThat(index.knn(origin, 3).distances()).containsExactly(0, 2, 3);
    }
  }

  static Stream<CodeShape> shapes() {
    return SHAPES.stream();
  }
}
