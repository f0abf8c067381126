package io.semhash.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.semhash.codes.BitCode;
import io.semhash.codes.CodeArray;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.roaringbitmap.RoaringBitmap;

/**
 * Property tests: every index kind must return exactly the brute-force answer, for random and
 * clustered codes (with many exact ties), with filters and deletes, for code lengths that
 * exercise every specialised loop (1, 2, 4 words and the general one, lengths not a multiple of 64).
 */
class ExactnessTest {

  record Kind(String name, IntFunction<HammingIndex> factory) {
    @Override
    public String toString() {
      return name;
    }
  }

  static final List<Kind> KINDS = List.of(
      new Kind("scan", HammingScanIndex::create),
      new Kind("mih-auto-m", b -> MultiIndexHashingIndex.create(b, new MultiIndexHashingIndex.Options(0, true))),
      new Kind("mih-len6", b -> MultiIndexHashingIndex.create(b, new MultiIndexHashingIndex.Options((b + 5) / 6, true))),
      new Kind("mih-len12", b -> MultiIndexHashingIndex.create(b, new MultiIndexHashingIndex.Options((b + 11) / 12, true))),
      new Kind("auto", HammingIndex::create));

  static Stream<Arguments> cases() {
    List<Arguments> out = new ArrayList<>();
    int[] lengths = {8, 13, 64, 100, 128, 256, 300, 1024};
    for (Kind kind : KINDS) {
      for (int bits : lengths) {
        for (boolean clustered : new boolean[] {false, true}) {
          out.add(Arguments.of(kind, bits, clustered));
        }
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0} bits={1} clustered={2}")
  @MethodSource("cases")
  void equalsBruteForce(Kind kind, int bits, boolean clustered) {
    SplittableRandom r = new SplittableRandom(bits * 31L + (clustered ? 1 : 0) + kind.name.hashCode());
    // auto needs >= 4096 codes before it builds tables; the forced-MIH kinds are tested small too
    int n = kind.name.equals("auto") ? 6000 : 1500;
    CodeArray codes = clustered
        ? BruteForce.clustered(bits, n, 12, bits <= 16 ? 0.05 : 0.08, r)
        : BruteForce.random(bits, n, r);
    fillAndCheck(kind.factory.apply(bits), new BruteForce(bits), codes, r);
  }

  /**
   * Adds {@code codes} to the empty {@code index} (half in one batch, the rest one by one, which
   * exercises the MIH tail and rebuilds), checks it against {@code ref}, deletes 15% (nearest
   * neighbours among them) and checks again.
   */
  static void fillAndCheck(HammingIndex index, BruteForce ref, CodeArray codes, SplittableRandom r) {
    int n = codes.size();
    int bits = codes.bits();
    CodeArray firstHalf = CodeArray.create(bits, n / 2);
    for (int i = 0; i < n / 2; i++) {
      firstHalf.add(codes.get(i));
    }
    assertThat(index.addAll(firstHalf)).isZero();
    for (int i = 0; i < n; i++) {
      ref.add(codes.get(i).toWords());
    }
    for (int i = n / 2; i < n; i++) {
      assertThat(index.add(codes.get(i))).isEqualTo(i);
    }
    check(index, ref, codes, r, bits);
    for (int i = 0; i < n; i++) {
      if (r.nextDouble() < 0.15) {
        assertThat(index.delete(i)).isEqualTo(ref.delete(i));
      }
    }
    assertThat(index.liveCount()).isEqualTo(n - ref.deleted.cardinality());
    check(index, ref, codes, r, bits);
  }

  static void check(HammingIndex index, BruteForce ref, CodeArray codes, SplittableRandom r, int bits) {
    int n = codes.size();
    int groups = index.shape().groups();
    int queries = bits > 256 ? 8 : 24;
    for (int t = 0; t < queries; t++) {
      BitCode q = t % 2 == 0
          ? BruteForce.near(codes.get(r.nextInt(n)), 0.05, r)
          : BitCode.random(bits, r);
      RoaringBitmap filter = switch (t % 4) {
        case 0 -> null;
        case 1 -> BruteForce.randomFilter(n + 50, 0.3, r);
        case 2 -> BruteForce.randomFilter(n, 0.01, r);
        default -> BruteForce.randomFilter(n, 0.9, r);
      };
      long[] qw = q.toWords();
      for (int k : new int[] {1, 10, 100, n + 5}) {
        SearchResult want = ref.knn(qw, k, filter);
        SearchResult got = index.knn(q, k, filter);
        assertThat(got).as("knn k=%d t=%d: want %s got %s", k, t, BruteForce.describe(want), BruteForce.describe(got))
            .isEqualTo(want);
      }
      for (int rad : new int[] {0, 2, groups / 8, groups / 4}) {
        for (int limit : new int[] {3, Integer.MAX_VALUE}) {
          SearchResult want = ref.radius(qw, rad, filter, limit);
          SearchResult got = index.radius(q, rad, filter, limit);
          assertThat(got).as("radius r=%d limit=%d t=%d", rad, limit, t).isEqualTo(want);
        }
      }
    }
  }
}
