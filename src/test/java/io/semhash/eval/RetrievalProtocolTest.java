package io.semhash.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.semhash.codes.BitCode;
import io.semhash.codes.CodeShape;
import io.semhash.codes.CodeSpec;
import io.semhash.corpus.Document;
import io.semhash.corpus.Split;
import io.semhash.testing.BitLikelihood;
import io.semhash.testing.BruteForcePrecision;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
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

  @Test
  void asymmetricRerankEqualsRankingTheWholeDatabaseByLikelihoodWhenTheCandidatesHoldIt() {
    // a database smaller than the candidate depth: the re-rank sees every code, so its ranking is
    // the brute-force ranking of all codes by the query's negative log-likelihood
    List<Document> docs = corpus(21, 600);
    SplittableRandom random = new SplittableRandom(21);
    Map<Document, float[]> logits = new HashMap<>();
    for (Document d : docs) {
      float[] l = new float[16];
      for (int b = 0; b < l.length; b++) {
        l[b] = (float) ((random.nextDouble() - 0.5) * 6);
      }
      logits.put(d, l);
    }
    RetrievalProtocol.Sides<float[]> ls = RetrievalProtocol.trainAgainstTest(docs, docs.stream().map(logits::get).toList());
    RetrievalProtocol.Sides<BitCode> sides = ls.with(ls.database().stream().map(BitCode::fromPositive).toList(),
        ls.queries().stream().map(BitCode::fromPositive).toList());
    assertThat(sides.database().size()).isLessThan(io.semhash.codes.AsymmetricDistance.CANDIDATES);
    for (int k : new int[] {1, 10, 100}) {
      int[][] reference = new int[sides.queries().size()][];
      for (int q = 0; q < reference.length; q++) {
        float[] l = ls.queries().get(q);
        BitCode query = sides.queries().get(q);
        double[] nll = new double[sides.database().size()];
        for (int i = 0; i < nll.length; i++) {
          nll[i] = BitLikelihood.negativeLogLikelihood(l, sides.database().get(i));
        }
        reference[q] = java.util.stream.IntStream.range(0, nll.length).boxed()
            .sorted(java.util.Comparator.comparingDouble((Integer i) -> nll[i])
                .thenComparingInt(i -> sides.database().get(i).distance(query)).thenComparingInt(i -> i))
            .limit(k).mapToInt(Integer::intValue).toArray();
      }
      assertThat(RetrievalProtocol.asymmetric(sides, io.semhash.codes.CodeSpec.binary(16), ls.queries(), k).precision()).as("k " + k)
          .isCloseTo(RetrievalProtocol.ranked(sides, reference, k).precision(), within(1e-12));
    }
    assertThatThrownBy(() -> RetrievalProtocol.asymmetric(sides, io.semhash.codes.CodeSpec.binary(16), List.of(), 10)).hasMessageContaining("0 logit vectors for");
  }

  @Test
  void categoricalAsymmetricRerankEqualsRankingTheWholeDatabaseBySoftmaxLikelihood() {
    // 8 groups of 4 classes (16 stored bits), a database smaller than the candidate depth: the
    // re-rank sees every code, so its ranking is the brute-force ranking of all codes by the
    // query's negative log-likelihood from its groups' softmax probabilities
    CodeSpec spec = CodeSpec.categorical(8, 4);
    List<Document> docs = corpus(23, 600);
    SplittableRandom random = new SplittableRandom(23);
    Map<Document, float[]> logits = new HashMap<>();
    for (Document d : docs) {
      float[] l = new float[spec.logits()];
      for (int b = 0; b < l.length; b++) {
        l[b] = (float) ((random.nextDouble() - 0.5) * 6);
      }
      logits.put(d, l);
    }
    RetrievalProtocol.Sides<float[]> ls = RetrievalProtocol.trainAgainstTest(docs, docs.stream().map(logits::get).toList());
    RetrievalProtocol.Sides<BitCode> sides = ls.with(ls.database().stream().map(spec::code).toList(),
        ls.queries().stream().map(spec::code).toList());
    assertThat(sides.database().size()).isLessThan(io.semhash.codes.AsymmetricDistance.CANDIDATES);
    CodeShape shape = spec.shape();
    for (int k : new int[] {1, 10, 100}) {
      int[][] reference = new int[sides.queries().size()][];
      for (int q = 0; q < reference.length; q++) {
        float[] l = ls.queries().get(q);
        BitCode query = sides.queries().get(q);
        double[] nll = new double[sides.database().size()];
        for (int i = 0; i < nll.length; i++) {
          nll[i] = BitLikelihood.negativeLogLikelihood(spec, l, sides.database().get(i));
        }
        reference[q] = java.util.stream.IntStream.range(0, nll.length).boxed()
            .sorted(java.util.Comparator.comparingDouble((Integer i) -> nll[i])
                .thenComparingInt(i -> shape.symbolDistance(sides.database().get(i), query)).thenComparingInt(i -> i))
            .limit(k).mapToInt(Integer::intValue).toArray();
      }
      RetrievalScores expected = RetrievalProtocol.ranked(sides, reference, k);
      RetrievalScores actual = RetrievalProtocol.asymmetric(sides, spec, ls.queries(), k);
      assertThat(actual.precision()).as("k " + k).isCloseTo(expected.precision(), within(1e-12));
      assertThat(actual.map()).as("k " + k).isCloseTo(expected.map(), within(1e-12));
      // and not the symbol ranking it starts from, whose ties the likelihood breaks
      if (k == 100) {
        assertThat(actual.map()).isNotCloseTo(RetrievalProtocol.codes(sides, shape, k).map(), within(1e-6));
      }
    }
  }

  @Test
  void categoricalAsymmetricRerankOrdersTheFirstCandidatesBySymbolDistance() {
    // a database larger than the candidate depth: the re-rank orders the first CANDIDATES codes by
    // symbol distance (ties by position), not by the Hamming distance of their bits
    CodeSpec spec = CodeSpec.categorical(8, 4);
    CodeShape shape = spec.shape();
    int depth = io.semhash.codes.AsymmetricDistance.CANDIDATES;
    List<Document> docs = corpus(29, 2600);
    SplittableRandom random = new SplittableRandom(29);
    List<float[]> all = new ArrayList<>();
    for (int d = 0; d < docs.size(); d++) {
      float[] l = new float[spec.logits()];
      for (int b = 0; b < l.length; b++) {
        l[b] = (float) ((random.nextDouble() - 0.5) * 6);
      }
      all.add(l);
    }
    RetrievalProtocol.Sides<float[]> ls = RetrievalProtocol.trainAgainstTest(docs, all).queriesAtMost(150);
    RetrievalProtocol.Sides<BitCode> sides = ls.with(ls.database().stream().map(spec::code).toList(),
        ls.queries().stream().map(spec::code).toList());
    assertThat(sides.database().size()).isGreaterThan(depth + 300);
    int k = 100;
    int[][] reference = new int[sides.queries().size()][];
    for (int q = 0; q < reference.length; q++) {
      float[] l = ls.queries().get(q);
      BitCode query = sides.queries().get(q);
      List<Integer> candidates = java.util.stream.IntStream.range(0, sides.database().size()).boxed()
          .sorted(java.util.Comparator.comparingInt((Integer i) -> shape.symbolDistance(sides.database().get(i), query))
              .thenComparingInt(i -> i))
          .limit(depth).toList();
      reference[q] = candidates.stream()
          .sorted(java.util.Comparator.comparingDouble((Integer i) -> BitLikelihood.negativeLogLikelihood(spec, l, sides.database().get(i))))
          .limit(k).mapToInt(Integer::intValue).toArray();
    }
    RetrievalScores expected = RetrievalProtocol.ranked(sides, reference, k);
    RetrievalScores actual = RetrievalProtocol.asymmetric(sides, spec, ls.queries(), k);
    assertThat(actual.precision()).isCloseTo(expected.precision(), within(1e-12));
    assertThat(actual.map()).isCloseTo(expected.map(), within(1e-12));
  }
}
