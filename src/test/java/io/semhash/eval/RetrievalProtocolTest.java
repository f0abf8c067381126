package io.semhash.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.semhash.codes.AsymmetricDistance;
import io.semhash.codes.BitCode;
import io.semhash.codes.CodeShape;
import io.semhash.codes.CodeSpec;
import io.semhash.corpus.Document;
import io.semhash.corpus.Split;
import io.semhash.testing.BitLikelihood;
import io.semhash.testing.BruteForcePrecision;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RetrievalProtocolTest {

  /** Random documents: some unlabelled, some with two labels, 8-bit codes so that ties abound. */
  private static List<Document> corpus(long seed, int n) {
    SplittableRandom random = new SplittableRandom(seed);
    List<Document> docs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      List<String> labels = switch (random.nextInt(6)) {
        case 0 -> List.of();
        case 1 -> List.of("l" + random.nextInt(4), "l" + random.nextInt(4));
        default -> List.of("l" + random.nextInt(4));
      };
      docs.add(new Document("d" + i, "", "text " + i, labels, random.nextInt(3) == 0 ? Split.TEST : Split.TRAIN));
    }
    return docs;
  }

  private static Map<Document, BitCode> codes(List<Document> docs, long seed, int bits) {
    SplittableRandom random = new SplittableRandom(seed);
    Map<Document, BitCode> out = new HashMap<>();
    for (Document d : docs) {
      out.put(d, BitCode.of(bits, random.nextLong() & ((1L << bits) - 1)));
    }
    return out;
  }

  @Test
  void hammingPrecisionEqualsTheBruteForceProtocolWithTiesAndUnlabelledDocuments() {
    for (long seed = 1; seed <= 5; seed++) {
      List<Document> docs = corpus(seed, 300);
      Map<Document, BitCode> codes = codes(docs, seed, 8);
      RetrievalProtocol.Sides<BitCode> sides =
          RetrievalProtocol.trainAgainstTest(docs, docs.stream().map(codes::get).toList());
      for (int k : new int[] {1, 7, 100, 10_000}) {
        assertThat(RetrievalProtocol.hamming(sides, k).precision()).as("seed " + seed + ", k " + k)
            .isCloseTo(BruteForcePrecision.of(docs, codes::get, k), within(1e-12));
      }
    }
  }

  @Test
  void queriesAtMostScoresEvenlySpacedQueriesAsTheBruteForceProtocolOverThoseDocuments() {
    List<Document> docs = corpus(11, 400);
    Map<Document, BitCode> codes = codes(docs, 11, 8);
    RetrievalProtocol.Sides<BitCode> all = RetrievalProtocol.trainAgainstTest(docs, docs.stream().map(codes::get).toList());
    int n = all.queries().size();
    assertThat(all.queriesAtMost(n)).isSameAs(all);
    RetrievalProtocol.Sides<BitCode> some = all.queriesAtMost(10);
    assertThat(some.queries()).hasSize(10);
    assertThat(some.database()).isEqualTo(all.database());
    // the reference: the labelled test documents at positions i * n / 10, and every train document
    List<Document> labelledTests = docs.stream().filter(d -> d.split() == Split.TEST && !d.labels().isEmpty()).toList();
    assertThat(labelledTests).hasSize(n);
    List<Document> kept = new ArrayList<>(docs.stream().filter(d -> d.split() == Split.TRAIN).toList());
    for (int i = 0; i < 10; i++) {
      Document q = labelledTests.get(i * n / 10);
      assertThat(some.queries().get(i)).isEqualTo(codes.get(q));
      assertThat(some.queryLabels().get(i)).isEqualTo(q.labels());
      kept.add(q);
    }
    assertThat(RetrievalProtocol.hamming(some, 20).precision())
        .isCloseTo(BruteForcePrecision.of(kept, codes::get, 20), within(1e-12));
    assertThatThrownBy(() -> all.queriesAtMost(0)).hasMessageContaining("max must be >= 1, got 0");
  }

  @Test
  void sidesLeaveOutUnlabelledDocumentsAndKeepCorpusOrder() {
    List<Document> docs = corpus(9, 200);
    RetrievalProtocol.Sides<Document> sides = RetrievalProtocol.trainAgainstTest(docs, docs);
    assertThat(sides.database()).containsExactlyElementsOf(
        docs.stream().filter(d -> d.split() == Split.TRAIN && !d.labels().isEmpty()).toList());
    assertThat(sides.queries()).containsExactlyElementsOf(
        docs.stream().filter(d -> d.split() == Split.TEST && !d.labels().isEmpty()).toList());
    assertThat(sides.databaseLabels()).containsExactlyElementsOf(sides.database().stream().map(Document::labels).toList());
  }

  @Test
  void rankingsOfAnotherMethodAreScoredOnTheSameSides() {
    List<Document> docs = corpus(4, 120);
    RetrievalProtocol.Sides<Document> sides = RetrievalProtocol.trainAgainstTest(docs, docs);
    int[][] identity = new int[sides.queries().size()][];
    for (int q = 0; q < identity.length; q++) {
      identity[q] = java.util.stream.IntStream.range(0, sides.database().size()).toArray();
    }
    // every query ranks the database in corpus order: P@k = relevant among the first k train documents / k
    int k = 10;
    double expected = 0;
    for (List<String> q : sides.queryLabels()) {
      int hits = 0;
      for (int i = 0; i < k; i++) {
        hits += sides.databaseLabels().get(i).stream().anyMatch(q::contains) ? 1 : 0;
      }
      expected += hits / (double) k;
    }
    assertThat(RetrievalProtocol.ranked(sides, identity, k).precision()).isCloseTo(expected / identity.length, within(1e-12));
    assertThatThrownBy(() -> RetrievalProtocol.ranked(sides, new int[1][], k))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rankings for");
    assertThatThrownBy(() -> RetrievalProtocol.cutOff(sides, 0)).hasMessageContaining("k must be >= 1");
  }

  /** Random logits of {@code spec} for every document (one per bit, or a block per group), as sides. */
  private static RetrievalProtocol.Sides<float[]> randomLogits(List<Document> docs, CodeSpec spec, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<float[]> all = new ArrayList<>();
    for (int d = 0; d < docs.size(); d++) {
      float[] l = new float[spec.logits()];
      for (int b = 0; b < l.length; b++) {
        l[b] = (float) ((random.nextDouble() - 0.5) * 6);
      }
      all.add(l);
    }
    return RetrievalProtocol.trainAgainstTest(docs, all);
  }

  /**
   * Per query, the database positions sorted by the query's negative log-likelihood of each code
   * (from the bit or class probabilities by hand), ties by code distance then position, among
   * the first {@code depth} by (code distance, position), cut at k.
   */
  private static int[][] likelihoodRankings(RetrievalProtocol.Sides<float[]> logits, RetrievalProtocol.Sides<BitCode> sides,
      CodeSpec spec, int depth, int k) {
    CodeShape shape = spec.shape();
    int[][] reference = new int[sides.queries().size()][];
    for (int q = 0; q < reference.length; q++) {
      float[] l = logits.queries().get(q);
      BitCode query = sides.queries().get(q);
      Comparator<Integer> byDistance = Comparator.comparingInt(i -> shape.symbolDistance(sides.database().get(i), query));
      reference[q] = IntStream.range(0, sides.database().size()).boxed()
          .sorted(byDistance.thenComparingInt(i -> i)).limit(depth)
          .sorted(Comparator.comparingDouble((Integer i) -> BitLikelihood.negativeLogLikelihood(spec, l, sides.database().get(i)))
              .thenComparing(byDistance).thenComparingInt(i -> i))
          .limit(k).mapToInt(Integer::intValue).toArray();
    }
    return reference;
  }

  @Test
  void asymmetricRerankEqualsRankingTheWholeDatabaseByLikelihoodWhenTheCandidatesHoldIt() {
    // a database smaller than the candidate depth: the re-rank sees every code, so its ranking is
    // the brute-force ranking of all codes by the query's negative log-likelihood; binary codes of
    // 16 bits, and categorical ones of 8 groups x 4 classes (from each group's softmax)
    for (CodeSpec spec : new CodeSpec[] {CodeSpec.binary(16), CodeSpec.categorical(8, 4)}) {
      RetrievalProtocol.Sides<float[]> ls = randomLogits(corpus(21, 600), spec, 21);
      RetrievalProtocol.Sides<BitCode> sides = ls.with(ls.database().stream().map(spec::code).toList(),
          ls.queries().stream().map(spec::code).toList());
      assertThat(sides.database().size()).isLessThan(AsymmetricDistance.CANDIDATES);
      for (int k : new int[] {1, 10, 100}) {
        RetrievalScores expected = RetrievalProtocol.ranked(sides, likelihoodRankings(ls, sides, spec, sides.database().size(), k), k);
        RetrievalScores actual = RetrievalProtocol.asymmetric(sides, spec, ls.queries(), k);
        assertThat(actual.precision()).as("%s, k %d", spec, k).isCloseTo(expected.precision(), within(1e-12));
        assertThat(actual.map()).as("%s, k %d", spec, k).isCloseTo(expected.map(), within(1e-12));
        // and not the code ranking it starts from, whose ties the likelihood breaks
        if (k == 100) {
          assertThat(actual.map()).isNotCloseTo(RetrievalProtocol.codes(sides, spec.shape(), k).map(), within(1e-6));
        }
      }
      assertThatThrownBy(() -> RetrievalProtocol.asymmetric(sides, spec, List.of(), 10)).hasMessageContaining("0 logit vectors for");
    }
  }

  @Test
  void categoricalAsymmetricRerankOrdersTheFirstCandidatesBySymbolDistance() {
    // a database larger than the candidate depth: the re-rank orders the first CANDIDATES codes by
    // symbol distance (ties by position), not by the Hamming distance of their bits
    CodeSpec spec = CodeSpec.categorical(8, 4);
    RetrievalProtocol.Sides<float[]> ls = randomLogits(corpus(29, 2600), spec, 29).queriesAtMost(150);
    RetrievalProtocol.Sides<BitCode> sides = ls.with(ls.database().stream().map(spec::code).toList(),
        ls.queries().stream().map(spec::code).toList());
    assertThat(sides.database().size()).isGreaterThan(AsymmetricDistance.CANDIDATES + 300);
    int k = 100;
    RetrievalScores expected = RetrievalProtocol.ranked(sides, likelihoodRankings(ls, sides, spec, AsymmetricDistance.CANDIDATES, k), k);
    RetrievalScores actual = RetrievalProtocol.asymmetric(sides, spec, ls.queries(), k);
    assertThat(actual.precision()).isCloseTo(expected.precision(), within(1e-12));
    assertThat(actual.map()).isCloseTo(expected.map(), within(1e-12));
  }
}
